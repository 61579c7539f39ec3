package io.kefu.gateway.admin;

import static io.kefu.gateway.NodeFixture.T;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kefu.gateway.KefuNode;
import io.kefu.gateway.openchannel.client.OpenChannelClient;
import io.kefu.handlers.config.ConfigLoader;
import io.kefu.handlers.config.KefuConfig;
import io.kefu.handlers.testing.RedisExtension;
import io.kefu.handlers.testing.TestModels;
import io.kefu.nlp.data.Example;
import io.kefu.nlp.intent.IntentTrainer;
import io.kefu.nlp.intent.Mode;
import io.kefu.nlp.intent.Progress;
import io.kefu.nlp.model.DefaultModels;
import io.kefu.nlp.model.IntentModel;
import io.kefu.proto.v1.Reply;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Publishing a model switches every node without downtime: traffic flows through the swap, nothing fails. */
class ModelPublishTest {
    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();
    static final String ADMIN = "test-admin-token-0123456789";
    static byte[] modelA;
    static byte[] modelB;
    static String idA;
    static String idB;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @BeforeAll
    static void trainTwoModels(@TempDir Path tmp) throws Exception {
        List<Example> all = DefaultModels.trainingData();
        modelA = train(all, 9, tmp.resolve("a.kefumodel"));
        modelB = train(all, 7, tmp.resolve("b.kefumodel"));
        idA = IntentModel.load(tmp.resolve("a.kefumodel")).modelId();
        idB = IntentModel.load(tmp.resolve("b.kefumodel")).modelId();
        assertNotEquals(idA, idB);
    }

    /** A fast-tier model on all but every n-th example: a real, different model. */
    private static byte[] train(List<Example> all, int skipEvery, Path file) throws Exception {
        List<Example> subset = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (i % skipEvery != 0) {
                subset.add(all.get(i));
            }
        }
        new IntentTrainer(DefaultModels.defaultConfig().withMode(Mode.FAST), Progress.none()).train(subset, null).save(file);
        return Files.readAllBytes(file);
    }

    private KefuNode node(Path data) {
        KefuConfig config = ConfigLoader.parse("test", new ByteArrayInputStream(("""
                admin:
                  token: %s
                stores:
                  - id: shop
                    channels:
                      - id: web
                        platform: open
                        token: web-token-123
                """.formatted(ADMIN)).getBytes(StandardCharsets.UTF_8)));
        return KefuNode.start(KefuNode.Options.of(config).port(0).host("127.0.0.1").redisUrl(redis.url()).dataDir(data)
                .classifier(TestModels.fast()));
    }

    private static HttpResponse<String> admin(KefuNode node, String method, String path, byte[] body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + path)).timeout(T);
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void activationSwitchesEveryNodeUnderTrafficWithoutAFailedMessageAndRollsBack() throws Exception {
        try (KefuNode a = node(dir.resolve("a")); KefuNode b = node(dir.resolve("b"))) {
            assertEquals(201, admin(a, "POST", "/admin/models", modelA, ADMIN).statusCode());
            HttpResponse<String> up = admin(a, "POST", "/admin/models", modelB, ADMIN);
            assertEquals(201, up.statusCode(), up.body());
            assertEquals(idB, JSON.readTree(up.body()).get("id").asText());

            // Traffic on both nodes while the model changes under it.
            AtomicBoolean stop = new AtomicBoolean();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Map<String, Integer> repliesPerMessage = new ConcurrentHashMap<>();
            List<Thread> buyers = new ArrayList<>();
            for (KefuNode n : List.of(a, b)) {
                Thread t = new Thread(() -> converse(n, stop, repliesPerMessage, failure));
                t.start();
                buyers.add(t);
            }
            Awaitility.await().atMost(T).until(() -> repliesPerMessage.size() >= 10);

            assertEquals(200, admin(a, "POST", "/admin/models/" + idA + "/activate", null, ADMIN).statusCode());
            Awaitility.await().atMost(T).until(() -> a.modelId().equals(idA) && b.modelId().equals(idA));
            int seen = repliesPerMessage.size();
            Awaitility.await().atMost(T).until(() -> repliesPerMessage.size() >= seen + 10);
            assertEquals(200, admin(b, "POST", "/admin/models/" + idB + "/activate", null, ADMIN).statusCode());
            Awaitility.await().atMost(T).until(() -> a.modelId().equals(idB) && b.modelId().equals(idB));
            int seen2 = repliesPerMessage.size();
            Awaitility.await().atMost(T).until(() -> repliesPerMessage.size() >= seen2 + 10);

            stop.set(true);
            for (Thread t : buyers) {
                t.join(30_000);
            }
            if (failure.get() != null) {
                throw new AssertionError("a message failed during the swap", failure.get());
            }
            assertTrue(repliesPerMessage.values().stream().allMatch(n -> n == 1), "exactly one reply per message: " + repliesPerMessage);

            HttpResponse<String> back = admin(a, "POST", "/admin/models/rollback", null, ADMIN);
            assertEquals(200, back.statusCode(), back.body());
            assertEquals(idA, JSON.readTree(back.body()).get("active").asText());
            Awaitility.await().atMost(T).until(() -> a.modelId().equals(idA) && b.modelId().equals(idA));

            JsonNode list = JSON.readTree(admin(b, "GET", "/admin/models", null, ADMIN).body());
            assertEquals(idA, list.get("active").asText());
            assertEquals(2, list.get("models").size());
        }
    }

    /** One buyer talking continuously; records how many replies each of its messages got. */
    private static void converse(KefuNode node, AtomicBoolean stop, Map<String, Integer> replies, AtomicReference<Throwable> failure) {
        try (OpenChannelClient c = OpenChannelClient.connect(OpenChannelClient.uri("127.0.0.1", node.port(), "web"), "web-token-123", T)) {
            String buyer = "swap-" + node.port();
            c.auth(buyer, T);
            String[] texts = {"在吗", "我的快递到哪了", "where is my order", "可以开发票吗", "谢谢"};
            for (int i = 0; !stop.get(); i++) {
                String id = buyer + "-" + i;
                c.send(id, texts[i % texts.length]).get();
                Reply r = c.nextReply(T);
                assertNotNull(r, "reply to " + id);
                assertEquals(id, r.getInReplyTo());
                replies.merge(id, 1, Integer::sum);
                c.ackReply(r.getId());
            }
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
        }
    }

    @Test
    void badUploadsAndUnauthenticatedCallsChangeNothing() throws Exception {
        try (KefuNode a = node(dir.resolve("x"))) {
            assertEquals(401, admin(a, "GET", "/admin/models", null, null).statusCode());
            assertEquals(401, admin(a, "GET", "/admin/models", null, "wrong-token-wrong-token").statusCode());
            assertEquals(401, admin(a, "POST", "/admin/models", modelA, "wrong-token-wrong-token").statusCode());
            HttpResponse<String> junk = admin(a, "POST", "/admin/models", "not a model".getBytes(StandardCharsets.UTF_8), ADMIN);
            assertEquals(400, junk.statusCode());
            assertTrue(junk.body().contains("not a kefu intent model"), junk.body());
            assertEquals(400, admin(a, "POST", "/admin/models", new byte[0], ADMIN).statusCode());
            assertEquals(404, admin(a, "POST", "/admin/models/" + "ab".repeat(8) + "/activate", null, ADMIN).statusCode());
            assertEquals(409, admin(a, "POST", "/admin/models/rollback", null, ADMIN).statusCode());
            assertEquals(0, redis.client().keys("kefu:{models}:*").size(), "nothing stored");
            assertEquals(TestModels.fast().modelId(), a.modelId(), "still serving the configured model");
        }
    }

    @Test
    void adminSectionIsValidated() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(io.kefu.handlers.config.ConfigException.class, () ->
                KefuNode.start(KefuNode.Options.of(ConfigLoader.parse("test", new ByteArrayInputStream("""
                        admin:
                          token: short
                        stores:
                          - id: shop
                            channels:
                              - {id: web, platform: open, token: web-token-123}
                        """.getBytes(StandardCharsets.UTF_8)))).port(0).redisUrl(redis.url()).dataDir(dir).classifier(TestModels.fast())));
        assertTrue(e.getMessage().contains("admin.token"), e.getMessage());
    }
}

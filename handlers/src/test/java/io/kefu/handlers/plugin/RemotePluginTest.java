package io.kefu.handlers.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.kefu.handlers.plugin.host.PluginStatus;
import io.kefu.handlers.plugin.remote.RemoteSpec;
import io.kefu.handlers.plugin.remote.WebhookSignature;
import io.kefu.handlers.plugin.testkit.PluginTestKit;
import io.kefu.handlers.testing.RedisExtension;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The webhook protocol against a real HTTP server: signed both ways, deadline, malformed answers. */
class RemotePluginTest {
    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();
    private static final String SECRET = "remote-secret-0123456789";

    private HttpServer server;
    private final CountDownLatch never = new CountDownLatch(1);
    private final AtomicReference<String> lastRequest = new AtomicReference<>();
    private final AtomicReference<Boolean> requestSigned = new AtomicReference<>();

    @BeforeEach
    void startServer() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/hook", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            String ts = ex.getRequestHeaders().getFirst(WebhookSignature.TIMESTAMP_HEADER);
            requestSigned.set(WebhookSignature.verify(SECRET, ts, body, ex.getRequestHeaders().getFirst(WebhookSignature.SIGNATURE_HEADER)));
            String req = new String(body, StandardCharsets.UTF_8);
            lastRequest.set(req);
            String answer;
            String sig;
            if (req.contains("\"text\":\"slow\"")) {
                try {
                    never.await();
                } catch (InterruptedException e) {
                    return;
                }
            }
            if (req.contains("\"text\":\"unsigned\"")) {
                answer = "{\"actions\":[{\"type\":\"reply\",\"text\":\"forged\"}]}";
                sig = null;
            } else if (req.contains("\"text\":\"garbage\"")) {
                answer = "{\"actions\":[{\"type\":\"launch_missiles\"}]}";
                sig = WebhookSignature.sign(SECRET, ts, answer.getBytes(StandardCharsets.UTF_8));
            } else if (req.contains("\"text\":\"notjson\"")) {
                answer = "<html>oops</html>";
                sig = WebhookSignature.sign(SECRET, ts, answer.getBytes(StandardCharsets.UTF_8));
            } else {
                answer = "{\"actions\":[{\"type\":\"set_slot\",\"name\":\"seen\",\"value\":\"yes\"},"
                        + "{\"type\":\"reply\",\"text\":\"remote says hi\",\"quick_replies\":[\"ok\"]}]}";
                sig = WebhookSignature.sign(SECRET, ts, answer.getBytes(StandardCharsets.UTF_8));
            }
            byte[] out = answer.getBytes(StandardCharsets.UTF_8);
            if (sig != null) {
                ex.getResponseHeaders().add(WebhookSignature.SIGNATURE_HEADER, sig);
            }
            ex.sendResponseHeaders(200, out.length);
            ex.getResponseBody().write(out);
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        never.countDown();
        server.stop(0);
    }

    @Test
    void signedAnswersAreAppliedAndEverythingElseIsContained() throws Exception {
        Map<String, String> intents = new java.util.HashMap<>();
        for (String t : List.of("hi", "slow", "unsigned", "garbage", "notjson")) {
            intents.put(t, "shipping_time");
        }
        try (PluginTestKit kit = PluginTestKit.builder().redis(redis.client()).intents(intents)
                .store("shop", Map.of()).breakerFailures(100).build()) {
            URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
            kit.host().registerRemote(new RemoteSpec("faq", "1", url, SECRET, List.of("shipping_time"), Duration.ofMillis(800)));
            kit.host().enable("shop", "faq");

            assertEquals(List.of("remote says hi"), kit.say("shop", "b1", "hi").texts());
            assertEquals("yes", kit.slots("shop", "b1").get("seen"));
            assertTrue(requestSigned.get());
            assertTrue(lastRequest.get().contains("\"store\":\"shop\""), lastRequest.get());

            for (String t : List.of("slow", "unsigned", "garbage", "notjson")) {
                PluginTestKit.Said s = kit.say("shop", "b-" + t, t);
                assertTrue(PluginContainmentTest.isFallback(s.text()), t + " → " + s.texts());
            }
            PluginStatus st = kit.host().status("faq").orElseThrow();
            assertEquals(1L, st.failures().get("timeout"), st.toString());
            assertEquals(3L, st.failures().get("garbage"), st.toString());
        }
    }
}

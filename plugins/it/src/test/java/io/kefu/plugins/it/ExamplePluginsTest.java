package io.kefu.plugins.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.kefu.gateway.KefuNode;
import io.kefu.gateway.openchannel.client.OpenChannelClient;
import io.kefu.gateway.plugins.PluginsExtension;
import io.kefu.handlers.bot.ReplyTemplates;
import io.kefu.handlers.config.ConfigLoader;
import io.kefu.handlers.plugin.host.PluginHost;
import io.kefu.handlers.plugin.host.PluginStatus;
import io.kefu.handlers.testing.FixedClassifier;
import io.kefu.handlers.testing.RedisExtension;
import io.kefu.proto.v1.Reply;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The built example jars and the Python remote example in one real node, talked to by buyers over
 * real sockets: per-store enablement, clashing library versions side by side, the remote plugin
 * answering (and contained past its deadline), and a jar reloaded under traffic then unloaded.
 */
class ExamplePluginsTest {
    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();
    static final Duration T = Duration.ofSeconds(30);
    static final String SECRET = "remote-example-secret-42";
    static final AtomicInteger ids = new AtomicInteger();

    static Process python;
    static int pythonPort;

    @BeforeAll
    static void startRemoteExample() throws Exception {
        Path script = Path.of("..", "remote-example", "faq_plugin.py").toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(script), "missing " + script);
        try {
            python = new ProcessBuilder("python3", script.toString(), "--port", "0", "--secret", SECRET)
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            fail("python3 is needed to run the remote example plugin (plugins/remote-example): " + e.getMessage());
        }
        BufferedReader out = new BufferedReader(new InputStreamReader(python.getInputStream(), StandardCharsets.UTF_8));
        String line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return null;
            }
        }).get(T.toSeconds(), TimeUnit.SECONDS);
        assertNotNull(line, "the remote example plugin did not start");
        pythonPort = Integer.parseInt(line.replace("listening on ", "").trim());
    }

    @AfterAll
    static void stopRemoteExample() {
        if (python != null) {
            python.destroy();
        }
    }

    private static Path pluginDir() throws IOException {
        Path dir = Files.createTempDirectory("kefu-it-plugins");
        try (var jars = Files.list(Path.of("target", "plugin-jars"))) {
            for (Path j : jars.toList()) {
                Files.copy(j, dir.resolve(j.getFileName()));
            }
        }
        return dir;
    }

    private static KefuNode start(PluginsExtension ext) throws IOException {
        String yaml = """
                stores:
                  - id: demo-store
                    channels: [{id: demo, platform: open, token: demo-token}]
                  - id: other-store
                    channels: [{id: other, platform: open, token: other-token}]
                admin: {token: it-admin-token-0123456789}
                plugins:
                  dir: %s
                  breaker_failures: 50
                  remote:
                    - {id: shipping-faq, url: "http://127.0.0.1:%d/kefu", secret: %s, intents: [shipping_time], deadline_ms: 1000}
                  stores:
                    demo-store:
                      coupon: {enabled: true, config: {prefix: demo}}
                      store-hours: {enabled: true, config: {open: "00:00", close: "23:59:59"}}
                      lang-old: {enabled: true}
                      lang-new: {enabled: true}
                      shipping-faq: {enabled: true}
                    other-store:
                      coupon: {enabled: false}
                """.formatted(pluginDir(), pythonPort, SECRET);
        var config = ConfigLoader.parse("it.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
        return KefuNode.start(KefuNode.Options.of(config).port(0).host("127.0.0.1").redisUrl(redis.url())
                .dataDir(Files.createTempDirectory("kefu-it-data"))
                .classifier(new FixedClassifier(Map.of("有优惠券吗", "price_promotion", "old", "lang-old", "new", "lang-new",
                        "多久到", "shipping_time", "slow 多久到", "shipping_time")))
                .discoverExtensions(false).extension(ext));
    }

    /** One buyer on one channel: sends, waits for the ack and the reply, acks the reply. */
    static final class Buyer implements AutoCloseable {
        final OpenChannelClient c;

        Buyer(KefuNode node, String channel, String token) throws Exception {
            c = OpenChannelClient.connect(OpenChannelClient.uri("127.0.0.1", node.port(), channel), token, T);
            c.auth("buyer-" + ids.incrementAndGet(), T);
        }

        String say(String text) throws Exception {
            c.send("m-" + ids.incrementAndGet(), text).get(T.toSeconds(), TimeUnit.SECONDS);
            Reply r = c.nextReply(T);
            assertNotNull(r, "no reply to " + text);
            c.ackReply(r.getId());
            return r.getText();
        }

        @Override
        public void close() {
            c.close();
        }
    }

    static boolean isFallback(String text) {
        ReplyTemplates t = ReplyTemplates.defaults();
        for (int seq = 0; seq < 20; seq++) {
            if (t.pick("_fallback", "zh", seq).equals(text)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void examplePluginsClashingLibrariesAndTheRemotePluginAnswerRealBuyers() throws Exception {
        PluginsExtension ext = new PluginsExtension();
        try (KefuNode node = start(ext); Buyer demo = new Buyer(node, "demo", "demo-token");
             Buyer other = new Buyer(node, "other", "other-token")) {
            PluginHost host = ext.host().orElseThrow();
            assertEquals(List.of("coupon", "lang-new", "lang-old", "shipping-faq", "store-hours"),
                    host.list().stream().map(PluginStatus::id).sorted().toList(), host.failedJars().toString());

            assertEquals("送您一张10%优惠券：DEMO-0001，下单时填写即可～", demo.say("有优惠券吗"));
            assertFalse(other.say("有优惠券吗").contains("DEMO-"), "other-store did not enable coupon");
            assertEquals("营业时间 00:00–23:59:59，现在正在营业哦～", demo.say("营业时间是几点"));

            // Two plugins, two versions of one library, one node.
            assertEquals("lang-old uses commons-lang3 3.12.0", demo.say("old"));
            assertEquals("lang-new uses commons-lang3 3.17.0", demo.say("new"));

            // The Python plugin: asks, gets the answer routed back, remembers the city.
            assertEquals("亲，寄到哪个城市呢？", demo.say("多久到"));
            assertEquals("发往上海一般1天送达～", demo.say("上海"));
            assertEquals("发往上海一般1天送达～", demo.say("多久到"));
            // Past its deadline: the buyer gets the fallback, the failure is counted.
            try (Buyer slow = new Buyer(node, "demo", "demo-token")) {
                assertTrue(isFallback(slow.say("slow 多久到")));
            }
            assertEquals(1L, host.status("shipping-faq").orElseThrow().failures().get("timeout"));
        }
    }

    @Test
    void aJarReloadedUnderTrafficLosesNoMessageAndCanBeUnloaded() throws Exception {
        PluginsExtension ext = new PluginsExtension();
        try (KefuNode node = start(ext)) {
            PluginHost host = ext.host().orElseThrow();
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger answered = new AtomicInteger();
            ConcurrentLinkedQueue<String> bad = new ConcurrentLinkedQueue<>();
            List<CompletableFuture<Void>> buyers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                buyers.add(CompletableFuture.runAsync(() -> {
                    try (Buyer b = new Buyer(node, "demo", "demo-token")) {
                        while (running.get()) {
                            String r = b.say("有优惠券吗");
                            if (!r.startsWith("送您一张10%优惠券：DEMO-")) {
                                bad.add(r);
                            }
                            answered.incrementAndGet();
                        }
                    } catch (Exception e) {
                        bad.add(e.toString());
                    }
                }));
            }
            for (int i = 0; i < 3; i++) {
                int target = answered.get() + 3;
                Awaitility.await().atMost(T).until(() -> answered.get() >= target || !bad.isEmpty());
                host.reload("coupon");
            }
            int target = answered.get() + 3;
            Awaitility.await().atMost(T).until(() -> answered.get() >= target || !bad.isEmpty());
            running.set(false);
            CompletableFuture.allOf(buyers.toArray(CompletableFuture[]::new)).get(T.toSeconds(), TimeUnit.SECONDS);
            assertTrue(bad.isEmpty(), "failed or wrong replies during reloads: " + bad);
            assertTrue(node.metrics().render().contains("kefu_plugin_lifecycle_total{plugin=\"coupon\",action=\"reload\"} 3"));

            host.unload("coupon");
            try (Buyer b = new Buyer(node, "demo", "demo-token")) {
                assertFalse(b.say("有优惠券吗").contains("DEMO-"));
            }
        }
    }
}

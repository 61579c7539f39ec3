package io.kefu.gateway.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kefu.gateway.KefuNode;
import io.kefu.gateway.openchannel.client.OpenChannelClient;
import io.kefu.handlers.config.ConfigException;
import io.kefu.handlers.config.ConfigLoader;
import io.kefu.handlers.config.KefuConfig;
import io.kefu.handlers.plugin.KefuPlugin;
import io.kefu.handlers.testing.FixedClassifier;
import io.kefu.handlers.testing.RedisExtension;
import io.kefu.proto.v1.Reply;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A node with a plugins section: a jar from plugins.dir answers real buyers; admin API and CLI drive it. */
class PluginsExtensionTest {
    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();
    static final Duration T = Duration.ofSeconds(30);
    static final String TOKEN = "plugin-admin-token-123456";
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(T).build();
    static final AtomicInteger ids = new AtomicInteger();

    @TempDir
    Path tmp;

    private KefuConfig config(String plugins) {
        String yaml = """
                stores:
                  - id: demo-store
                    channels: [{id: demo, platform: open, token: demo-token}]
                  - id: other-store
                    channels: [{id: other, platform: open, token: other-token}]
                admin: {token: %s}
                plugins:
                %s
                """.formatted(TOKEN, plugins.indent(2));
        return ConfigLoader.parse("test.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    private KefuNode start(KefuConfig config) {
        return KefuNode.start(KefuNode.Options.of(config).port(0).host("127.0.0.1").redisUrl(redis.url()).dataDir(tmp.resolve("data"))
                .classifier(new FixedClassifier(Map.of("会员", "membership"))).discoverExtensions(false)
                .extension(new PluginsExtension()));
    }

    private Path jar(Path dir) throws Exception {
        Files.createDirectories(dir);
        Path jar = dir.resolve("greeter.jar");
        String cls = GreeterPlugin.class.getName().replace('.', '/') + ".class";
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry(cls));
            try (var in = GreeterPlugin.class.getClassLoader().getResourceAsStream(cls)) {
                in.transferTo(out);
            }
            out.putNextEntry(new JarEntry("META-INF/services/" + KefuPlugin.class.getName()));
            out.write(GreeterPlugin.class.getName().getBytes(StandardCharsets.UTF_8));
        }
        return jar;
    }

    private static String say(KefuNode node, String channel, String token, String text) throws Exception {
        try (OpenChannelClient c = OpenChannelClient.connect(OpenChannelClient.uri("127.0.0.1", node.port(), channel), token, T)) {
            c.auth("buyer-" + ids.incrementAndGet(), T);
            c.send("m-" + ids.incrementAndGet(), text).get(T.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            Reply r = c.nextReply(T);
            return r == null ? null : r.getText();
        }
    }

    private static HttpResponse<String> admin(KefuNode node, String method, String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + path)).timeout(T)
                .method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{\"word\":\"hola\"}"));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int cli(KefuNode node, ByteArrayOutputStream out, String... args) throws Exception {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--url", "http://127.0.0.1:" + node.port(), "--token", TOKEN));
        return new PluginsCommand().run(all, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @Test
    void jarFromThePluginsDirAnswersEnabledStoresAndIsDrivenByAdminApiAndCli() throws Exception {
        Path dir = tmp.resolve("plugins");
        jar(dir);
        KefuConfig cfg = config("""
                dir: %s
                stores:
                  demo-store:
                    greeter: {enabled: true, config: {word: 你好}}
                """.formatted(dir));
        try (KefuNode node = start(cfg)) {
            assertEquals("greeter: 你好", say(node, "demo", "demo-token", "会员"));
            assertNotEquals("greeter: 你好", say(node, "other", "other-token", "会员"));

            // Bad requests: no token, unknown plugin, missing store, bad body — nothing changes.
            assertEquals(401, admin(node, "GET", "/plugins", null).statusCode());
            assertEquals(401, admin(node, "GET", "/plugins", "wrong-token-wrong-token").statusCode());
            assertEquals(404, admin(node, "POST", "/plugins/nope/reload", TOKEN).statusCode());
            assertEquals(400, admin(node, "POST", "/plugins/greeter/enable", TOKEN).statusCode());
            assertEquals(400, admin(node, "POST", "/plugins/greeter/enable?store=no-such", TOKEN).statusCode());
            assertEquals(405, admin(node, "GET", "/plugins/greeter/reload", TOKEN).statusCode());

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertEquals(0, cli(node, out, "list"));
            assertTrue(out.toString(StandardCharsets.UTF_8).contains("greeter"), out.toString(StandardCharsets.UTF_8));
            assertEquals(0, cli(node, out, "enable", "greeter", "--store", "other-store"));
            HttpResponse<String> configured = admin(node, "PUT", "/plugins/greeter/config?store=other-store", TOKEN);
            assertEquals(200, configured.statusCode(), configured.body());
            assertEquals("greeter: hola", say(node, "other", "other-token", "会员"));
            assertEquals(0, cli(node, out, "disable", "greeter", "--store", "demo-store"));
            assertNotEquals("greeter: 你好", say(node, "demo", "demo-token", "会员"));
            assertEquals(0, cli(node, out, "reload", "greeter"));
            assertEquals("greeter: hola", say(node, "other", "other-token", "会员"));
            assertEquals(1, cli(node, out, "reload", "nope"));
            assertEquals(0, cli(node, out, "unload", "greeter"));
            assertNotEquals("greeter: hola", say(node, "other", "other-token", "会员"));
            assertTrue(node.metrics().render().contains("kefu_plugin_lifecycle_total{plugin=\"greeter\",action=\"reload\"} 1"),
                    node.metrics().render());
            // Dropped back in at run time: rescan loads it again.
            assertEquals(0, cli(node, out, "rescan"));
            assertEquals(200, admin(node, "POST", "/plugins/greeter/enable?store=demo-store", TOKEN).statusCode());
        }
    }

    @Test
    void badPluginsConfigStopsTheStartNamingTheKey() {
        ConfigException e = assertThrows(ConfigException.class, () -> start(config("""
                stores:
                  demo-store:
                    coupon: {enabled: maybe}
                """)));
        assertEquals("plugins.stores.demo-store.coupon.enabled", e.key());
    }
}

package io.kefu.gateway.console;

import io.kefu.gateway.KefuNode;
import io.kefu.handlers.config.ConfigLoader;
import io.kefu.handlers.config.KefuConfig;
import io.kefu.handlers.testing.RedisExtension;
import io.kefu.handlers.testing.TestModels;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A node with the demo store plus a second store ({@code other-store}, channel {@code other}) and
 * its own agent {@code olga}; all demo passwords: agent-demo-pass / boss-demo-pass / olga = agent-demo-pass.
 */
final class ConsoleFixture {
    static final Duration T = Duration.ofSeconds(20);
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(T).build();

    private ConsoleFixture() {
    }

    static KefuConfig twoStores() throws IOException {
        String demo;
        try (InputStream in = KefuNode.class.getResourceAsStream("/io/kefu/gateway/demo-kefu.yaml")) {
            demo = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String agentHash = demo.replaceAll("(?s).*username: agent\\s+password_hash: \"([^\"]+)\".*", "$1");
        String yaml = demo.replace("stores:\n  - id: demo-store\n", """
                stores:
                  - id: other-store
                    name: Other store
                    channels:
                      - id: other
                        platform: open
                        token: other-token
                  - id: demo-store
                """).replace("  accounts:\n", """
                  accounts:
                    - username: olga
                      password_hash: "%s"
                      store: other-store
                """.formatted(agentHash));
        return ConfigLoader.parse("console test config", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    static KefuNode start(RedisExtension redis, Path data) throws IOException {
        return KefuNode.start(KefuNode.Options.of(twoStores()).port(0).host("127.0.0.1").redisUrl(redis.url()).dataDir(data)
                .classifier(TestModels.fast()));
    }

    /** A logged-in console client: the session cookie and CSRF token, like the page holds them. */
    record Agent(String base, String cookie, String csrf) {
        HttpResponse<String> get(String path) throws Exception {
            return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(T).header("Cookie", cookie).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(String path, String json) throws Exception {
            return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(T).header("Cookie", cookie)
                    .header("Content-Type", "application/json").header(ConsoleApi.CSRF_HEADER, csrf)
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    static HttpResponse<String> login(int port, String user, String password) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/console/api/login")).timeout(T)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static Agent agent(int port, String user, String password) throws Exception {
        HttpResponse<String> r = login(port, user, password);
        if (r.statusCode() != 200) {
            throw new AssertionError("login of " + user + " failed: " + r.statusCode() + " " + r.body());
        }
        String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        String csrf = ConsoleViews.JSON.readTree(r.body()).get("csrf").asText();
        return new Agent("http://127.0.0.1:" + port, setCookie.substring(0, setCookie.indexOf(';')), csrf);
    }
}

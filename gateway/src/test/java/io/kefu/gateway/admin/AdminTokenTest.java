package io.kefu.gateway.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kefu.gateway.KefuNode;
import io.kefu.handlers.config.ConfigLoader;
import io.kefu.handlers.testing.RedisExtension;
import io.kefu.handlers.testing.TestModels;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The model and knowledge admin endpoints answer 401 (plugins and the campaign report: their own extension tests) without the admin token or with a wrong one. */
class AdminTokenTest {
    static final String TOKEN = "admin-token-0123456789";
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    @TempDir
    Path dataDir;

    @Test
    void everyAdminEndpointWantsTheBearerToken() throws Exception {
        String yaml = """
                stores:
                  - {id: demo-store, name: Demo, language: zh, channels: [{id: demo, platform: open, token: demo-token}]}
                knowledge: {stores: {demo-store: {demo: true}}}
                admin: {token: %s}
                """.formatted(TOKEN);
        var config = ConfigLoader.parse("admin.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
        try (KefuNode node = KefuNode.start(KefuNode.Options.of(config).port(0).host("127.0.0.1").redisUrl(redis.url())
                .dataDir(dataDir).classifier(TestModels.fast()))) {
            for (String path : List.of("/admin/models", "/knowledge/demo-store/search?q=%E5%8C%85%E9%82%AE%E5%90%97")) {
                assertEquals(401, get(node, path, null).statusCode(), path + " without a token");
                assertEquals(401, get(node, path, "wrong-token-0123456789").statusCode(), path + " with a wrong token");
                assertEquals(401, get(node, path, TOKEN + "x").statusCode(), path + " with the token and more");
            }
            HttpResponse<String> models = get(node, "/admin/models", TOKEN);
            assertEquals(200, models.statusCode(), models.body());
            HttpResponse<String> search = get(node, "/knowledge/demo-store/search?q=%E5%8C%85%E9%82%AE%E5%90%97", TOKEN);
            assertEquals(200, search.statusCode(), search.body());
        }
    }

    private static HttpResponse<String> get(KefuNode node, String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + path)).timeout(Duration.ofSeconds(20)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}

package io.kefu.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kefu.gateway.KefuNode;
import io.kefu.gateway.NodeFixture;
import io.kefu.handlers.testing.RedisExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class HttpEndpointsTest {
    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    @TempDir
    Path dataDir;

    private KefuNode node;

    @BeforeEach
    void start() {
        node = NodeFixture.start(redis, dataDir);
    }

    @AfterEach
    void stop() {
        node.close();
    }

    @Test
    void healthAndReadiness() throws Exception {
        assertEquals(200, NodeFixture.get(node, "/healthz").statusCode());
        var ready = NodeFixture.get(node, "/readyz");
        assertEquals(200, ready.statusCode());
        assertTrue(ready.body().contains("redis=up") && ready.body().contains("model=loaded"), ready.body());
    }

    @Test
    void unknownPathIs404WithAJsonReasonAndWrongMethodIs405() throws Exception {
        var res = NodeFixture.get(node, "/nope");
        assertEquals(404, res.statusCode());
        assertTrue(res.body().contains("\"error\":\"no such endpoint: /nope\""), res.body());
        var post = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + "/metrics"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());
    }

    @Test
    void oversizedHttpBodyIsRefused() throws Exception {
        var res = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + "/healthz"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[200 * 1024])).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(413, res.statusCode());
    }

    @Test
    void demoModeListsItsChannelsForTheChatPage() throws Exception {
        var res = NodeFixture.get(node, "/sandbox/config.json");
        assertEquals(200, res.statusCode());
        assertTrue(res.body().contains("\"id\":\"demo\"") && res.body().contains("\"token\":\"demo-token\""), res.body());
        assertEquals(404, NodeFixture.get(node, "/sandbox/static/..%2F..%2Fetc%2Fpasswd").statusCode());
    }
}

package io.kefu.gateway;

import io.kefu.gateway.openchannel.client.OpenChannelClient;
import io.kefu.handlers.bot.BotApp;
import io.kefu.handlers.testing.RedisExtension;
import io.kefu.handlers.testing.TestModels;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

/** Starts demo nodes against a test's Redis, with the real (fast-tier) default model. */
public final class NodeFixture {
    public static final Duration T = Duration.ofSeconds(10);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(T).build();

    private NodeFixture() {
    }

    public static KefuNode start(RedisExtension redis, Path dataDir) {
        return start(redis, dataDir, app -> { });
    }

    public static KefuNode start(RedisExtension redis, Path dataDir, Consumer<BotApp> configure) {
        return KefuNode.start(KefuNode.Options.demo().port(0).host("127.0.0.1").redisUrl(redis.url()).dataDir(dataDir)
                .classifier(TestModels.fast()).configure(configure));
    }

    public static OpenChannelClient buyer(KefuNode node, String buyerId) throws Exception {
        OpenChannelClient c = OpenChannelClient.connect(OpenChannelClient.uri("127.0.0.1", node.port(), "demo"), "demo-token", T);
        c.auth(buyerId, T);
        return c;
    }

    public static HttpResponse<String> get(KefuNode node, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + path)).timeout(T).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}

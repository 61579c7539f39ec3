package io.kefu.handlers.testing;

import io.kefu.handlers.redis.EmbeddedRedisServer;
import io.kefu.handlers.redis.RedisConnector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import redis.clients.jedis.UnifiedJedis;

/**
 * A real Redis (the embedded redis-server binary) on a random port for a test class, emptied
 * before each test. Register with {@code @RegisterExtension static final RedisExtension redis = new RedisExtension();}.
 */
public final class RedisExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {
    private EmbeddedRedisServer server;
    private UnifiedJedis client;
    private Path dir;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("kefu-test-redis");
        server = EmbeddedRedisServer.start(dir);
        client = RedisConnector.connect(server.url(), 16);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        client.flushAll();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
        TempDirs.deleteTree(dir);
    }

    public String url() {
        return server.url();
    }

    public int port() {
        return server.port();
    }

    public UnifiedJedis client() {
        return client;
    }

    /** Stops the server (AOF stays on disk) — to test behaviour while Redis is gone. */
    public void stop() {
        server.close();
    }

    /** Starts it again on the same port and data directory; the AOF brings the data back. */
    public void restart() {
        server = EmbeddedRedisServer.start(dir, server.port());
    }
}

package io.kefu.handlers.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kefu.handlers.testing.RedisExtension;
import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.UnifiedJedis;

class RedisConnectorTest {
    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    /** A port nothing listens on: bound then released. */
    private static int deadPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void connectsToALiveServer() {
        try (UnifiedJedis r = RedisConnector.connect(redis.url(), 2)) {
            assertEquals("PONG", r.ping());
        }
    }

    @Test
    void unreachableServerNamesTheUrl() throws IOException {
        String url = "redis://127.0.0.1:" + deadPort();
        RedisUnavailableException e = assertThrows(RedisUnavailableException.class, () -> RedisConnector.connect(url, 2));
        assertTrue(e.getMessage().contains(url), e.getMessage());
        assertTrue(e.getMessage().contains("unreachable"), e.getMessage());
    }

    @Test
    void passwordIsNeverPrinted() throws IOException {
        String url = "redis://kefu:s3cret-pass@127.0.0.1:" + deadPort();
        RedisUnavailableException e = assertThrows(RedisUnavailableException.class, () -> RedisConnector.connect(url, 2));
        assertFalse(e.getMessage().contains("s3cret-pass"), e.getMessage());
        assertTrue(e.getMessage().contains("redis://***@127.0.0.1:"), e.getMessage());
    }

    @Test
    void malformedUrlIsReportedAsSuch() {
        RedisUnavailableException e = assertThrows(RedisUnavailableException.class, () -> RedisConnector.connect("redis://bad host:1", 2));
        assertTrue(e.getMessage().contains("bad Redis URL 'redis://bad host:1'"), e.getMessage());
    }
}

package io.kefu.gateway;

import static io.kefu.gateway.NodeFixture.T;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kefu.gateway.openchannel.client.OpenChannelClient;
import io.kefu.handlers.testing.RedisExtension;
import io.kefu.proto.v1.ErrorFrame;
import io.kefu.proto.v1.ServerFrame;
import java.nio.file.Path;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Redis lost at run time: /readyz goes red, nothing is acked that was not persisted, and it all comes back. */
class RedisOutageTest {
    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    @TempDir
    Path dataDir;

    @Test
    void whileRedisIsDownMessagesAreRefusedUnackedAndReadinessIsRed() throws Exception {
        try (KefuNode node = NodeFixture.start(redis, dataDir);
             OpenChannelClient buyer = NodeFixture.buyer(node, "b-outage")) {
            assertEquals(200, NodeFixture.get(node, "/readyz").statusCode());
            redis.stop();
            Awaitility.await().atMost(T).until(() -> NodeFixture.get(node, "/readyz").statusCode() == 503);
            assertTrue(NodeFixture.get(node, "/readyz").body().contains("redis=down"));
            assertEquals(200, NodeFixture.get(node, "/healthz").statusCode(), "alive, just not ready");

            var attempt = buyer.send("o-1", "在吗");
            ErrorFrame e = buyer.nextError(T);
            assertNotNull(e);
            assertEquals(ErrorFrame.Code.UNAVAILABLE, e.getCode());
            assertTrue(e.getRetryable());
            assertEquals("o-1", e.getRefId());
            assertTrue(attempt.isCompletedExceptionally());
            assertFalse(buyer.received().stream().anyMatch(f -> f.getFrameCase() == ServerFrame.FrameCase.ACK),
                    "no ack for a message that was not persisted");

            redis.restart();
            Awaitility.await().atMost(T).until(() -> NodeFixture.get(node, "/readyz").statusCode() == 200);
            var ack = buyer.send("o-1", "在吗").get();
            assertFalse(ack.getDuplicate(), "the first attempt left no trace");
            assertEquals("o-1", buyer.nextReply(T).getInReplyTo());
        }
    }
}

package io.kefu.gateway;

import static io.kefu.gateway.NodeFixture.T;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kefu.gateway.openchannel.client.OpenChannelClient;
import io.kefu.handlers.redis.RedisKeys;
import io.kefu.handlers.testing.RedisExtension;
import io.kefu.proto.v1.Reply;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server dies between persisting a message and replying to it; after a restart the reply is
 * delivered exactly once. "Dies" is {@link KefuNode#kill()}: storage cut first, connections dropped,
 * the turn in progress interrupted — nothing after the kill reaches Redis, as with a killed process.
 */
class CrashRecoveryTest {
    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    @TempDir
    Path dataDir;

    @Test
    void killedBetweenPersistAndReplyTheReplyArrivesExactlyOnceAfterRestart() throws Exception {
        CountDownLatch turnStarted = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        KefuNode first = NodeFixture.start(redis, dataDir, app -> app.use((ctx, next) -> {
            turnStarted.countDown();
            never.await(); // stuck mid-turn, like a process about to be killed
            next.run();
        }));
        try (OpenChannelClient buyer = NodeFixture.buyer(first, "b-crash")) {
            buyer.send("c-1", "我的快递到哪了").get(); // acked: it is persisted
            assertTrue(turnStarted.await(10, TimeUnit.SECONDS));
            first.kill();
            buyer.closed().get(10, TimeUnit.SECONDS);
        }
        assertEquals(1, redis.client().llen(RedisKeys.inbox("open:demo:b-crash")), "the message survived, unprocessed");
        assertEquals(0, redis.client().zcard(RedisKeys.outbox("open:demo:b-crash")), "no reply was written by the dead node");

        try (KefuNode second = NodeFixture.start(redis, dataDir);
             OpenChannelClient buyer = NodeFixture.buyer(second, "b-crash")) {
            List<Reply> replies = new ArrayList<>();
            Reply r = buyer.nextReply(T);
            assertNotNull(r, "recovered on start and answered");
            replies.add(r);
            buyer.ackReply(r.getId());
            // The buyer, unsure, resends the message: recognised as a duplicate, no second answer.
            assertTrue(buyer.send("c-1", "我的快递到哪了").get().getDuplicate());
            buyer.send("c-2", "谢谢").get();
            Reply next = buyer.nextReply(T);
            assertEquals("c-2", next.getInReplyTo(), "the next reply is for the next message, not a second one for c-1");
            assertEquals(1, replies.stream().filter(x -> x.getInReplyTo().equals("c-1")).count());
            assertEquals(2, redis.client().llen(RedisKeys.transcript("open:demo:b-crash")));
        } finally {
            never.countDown();
        }
    }

    @Test
    void killedAfterTheReplyWasCommittedButBeforeTheBuyerGotItTheReplyIsDeliveredOnceOnReconnect() throws Exception {
        KefuNode first = NodeFixture.start(redis, dataDir);
        String replyId;
        try (OpenChannelClient buyer = NodeFixture.buyer(first, "b-crash2")) {
            buyer.send("d-1", "有优惠券吗").get();
            org.awaitility.Awaitility.await().atMost(T).until(() -> redis.client().zcard(RedisKeys.outbox("open:demo:b-crash2")) == 1);
            replyId = redis.client().zrange(RedisKeys.outbox("open:demo:b-crash2"), 0, -1).get(0);
            first.kill(); // whether or not the frame made it out, the buyer never acked it
        }
        try (KefuNode second = NodeFixture.start(redis, dataDir);
             OpenChannelClient buyer = NodeFixture.buyer(second, "b-crash2")) {
            Reply r = buyer.nextReply(T);
            assertEquals(replyId, r.getId());
            buyer.ackReply(r.getId());
            buyer.send("d-2", "好的").get();
            assertEquals("d-2", buyer.nextReply(T).getInReplyTo(), "no second copy of d-1's reply");
        }
    }
}

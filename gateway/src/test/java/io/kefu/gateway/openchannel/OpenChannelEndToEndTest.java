package io.kefu.gateway.openchannel;

import static io.kefu.gateway.NodeFixture.T;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kefu.gateway.KefuNode;
import io.kefu.gateway.NodeFixture;
import io.kefu.gateway.openchannel.client.OpenChannelClient;
import io.kefu.handlers.redis.RedisKeys;
import io.kefu.handlers.testing.RedisExtension;
import io.kefu.proto.v1.Ack;
import io.kefu.proto.v1.AuthOk;
import io.kefu.proto.v1.ConversationMode;
import io.kefu.proto.v1.OutboundMessage;
import io.kefu.proto.v1.Reply;
import io.kefu.proto.v1.ServerFrame;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A buyer's message goes in on a real socket and a reply comes out, on a real Redis. */
class OpenChannelEndToEndTest {
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
    void messageIsAckedThenAnsweredInTheBuyersLanguage() throws Exception {
        try (OpenChannelClient buyer = NodeFixture.buyer(node, "b-zh")) {
            Ack ack = buyer.send("m-1", "在吗").get();
            assertFalse(ack.getDuplicate());
            Reply reply = buyer.nextReply(T);
            assertNotNull(reply, "a reply arrives");
            assertEquals("m-1", reply.getInReplyTo());
            assertEquals(OutboundMessage.Sender.BOT, reply.getSender());
            assertTrue(reply.getText().codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN),
                    "Chinese reply to a Chinese message: " + reply.getText());
            List<ServerFrame> frames = buyer.received();
            int ackAt = indexOf(frames, ServerFrame.FrameCase.ACK);
            int replyAt = indexOf(frames, ServerFrame.FrameCase.REPLY);
            assertTrue(ackAt < replyAt, "the ack (after persist) comes before the reply");

            buyer.send("m-2", "where is my parcel? it's been a week").get();
            Reply en = buyer.nextReply(T);
            assertEquals("m-2", en.getInReplyTo());
            assertTrue(en.getText().chars().noneMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN),
                    "English reply to an English message: " + en.getText());
        }
    }

    @Test
    void theSameMessageIdTwiceGetsOneReply() throws Exception {
        try (OpenChannelClient buyer = NodeFixture.buyer(node, "b-dup")) {
            assertFalse(buyer.send("dup-1", "我想退货").get().getDuplicate());
            Reply first = buyer.nextReply(T);
            assertEquals("dup-1", first.getInReplyTo());
            buyer.ackReply(first.getId());

            assertTrue(buyer.send("dup-1", "我想退货").get().getDuplicate(), "the resend is recognised");
            // Turns of one conversation run in order: had the duplicate produced a reply, it would
            // arrive before the reply to this later message.
            buyer.send("after-dup", "谢谢").get();
            Reply next = buyer.nextReply(T);
            assertEquals("after-dup", next.getInReplyTo());
        }
        assertEquals(2, redis.client().llen(RedisKeys.transcript("open:demo:b-dup")), "two turns, not three");
        assertEquals(1L, node.metrics().render().lines().filter(l -> l.equals("kefu_messages_duplicate_total{channel=\"demo\"} 1")).count());
    }

    @Test
    void afterAReconnectTheBuyerGetsEveryReplyItHadNotAcknowledged() throws Exception {
        String replyId;
        try (OpenChannelClient buyer = NodeFixture.buyer(node, "b-resume")) {
            buyer.send("r-1", "我的快递到哪了").get();
            Reply r = buyer.nextReply(T);
            replyId = r.getId();
            // no ack: the connection drops before the client confirms
        }
        try (OpenChannelClient again = NodeFixture.buyer(node, "b-resume")) {
            Reply redelivered = again.nextReply(T);
            assertNotNull(redelivered);
            assertEquals(replyId, redelivered.getId(), "same id: the client can dedup");
            assertEquals("r-1", redelivered.getInReplyTo());
            again.ackReply(redelivered.getId());
            again.send("r-2", "好的").get();
            assertEquals("r-2", again.nextReply(T).getInReplyTo());
            again.ackReply(again.received().stream().filter(f -> f.hasReply() && f.getReply().getInReplyTo().equals("r-2"))
                    .findFirst().orElseThrow().getReply().getId());
            again.send("r-3", "谢谢").get();
            again.ackReply(again.nextReply(T).getId());
        }
        try (OpenChannelClient third = OpenChannelClient.connect(OpenChannelClient.uri("127.0.0.1", node.port(), "demo"), "demo-token", T)) {
            AuthOk ok = third.auth("b-resume", T);
            // Acks are processed in order per connection, but on another thread: wait for the last one.
            org.awaitility.Awaitility.await().atMost(T).until(() -> redis.client().zcard(RedisKeys.outbox("open:demo:b-resume")) == 0);
            assertTrue(ok.getPendingReplies() <= 1);
        }
        assertEquals(0, redis.client().zcard(RedisKeys.outbox("open:demo:b-resume")), "every reply acknowledged → outbox empty");
    }

    @Test
    void askingForAPersonCreatesATicketInTheStoresQueueAndAHoldingReply() throws Exception {
        try (OpenChannelClient buyer = NodeFixture.buyer(node, "b-human")) {
            buyer.send("h-1", "转人工").get();
            Reply holding = buyer.nextReply(T);
            assertEquals("h-1", holding.getInReplyTo());
        }
        assertEquals(List.of("open:demo:b-human"), redis.client().zrange(RedisKeys.handoffQueue("demo-store"), 0, -1));
        var state = new io.kefu.handlers.store.RedisConversationStore(redis.client()).load("open:demo:b-human").state();
        assertEquals(ConversationMode.WAITING_FOR_AGENT, state.getMode());
        assertEquals("explicit_request",
                new io.kefu.handlers.store.RedisConversationStore(redis.client()).ticket("open:demo:b-human").orElseThrow().getReason());
        assertTrue(node.metrics().render().contains("kefu_handoffs_total{store=\"demo-store\",reason=\"explicit_request\"} 1"));
    }

    @Test
    void metricsCountMessagesInAndOutPerChannel() throws Exception {
        try (OpenChannelClient buyer = NodeFixture.buyer(node, "b-metrics")) {
            buyer.send("x-1", "你好").get();
            assertNotNull(buyer.nextReply(T));
        }
        var res = NodeFixture.get(node, "/metrics");
        assertEquals(200, res.statusCode());
        assertTrue(res.headers().firstValue("content-type").orElse("").startsWith("text/plain"));
        String body = res.body();
        assertTrue(body.contains("kefu_messages_in_total{channel=\"demo\"} 1"), body);
        assertTrue(body.contains("kefu_messages_out_total{channel=\"demo\",sender=\"BOT\"} 1"), body);
        assertTrue(body.contains("kefu_pipeline_latency_seconds_count{channel=\"demo\"} 1"), body);
        assertTrue(body.contains("# TYPE kefu_pipeline_latency_seconds histogram"), body);
    }

    @Test
    void aMessageWithoutWordsIsAnsweredInTheStoresLanguage() throws Exception {
        // The demo store's language is zh: an order number alone gets a Chinese answer.
        try (OpenChannelClient buyer = NodeFixture.buyer(node, "b-digits")) {
            buyer.send("n-1", "3928471650293847561").get();
            Reply r = buyer.nextReply(T);
            assertTrue(r.getText().codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN), r.getText());
        }
    }

    private static int indexOf(List<ServerFrame> frames, ServerFrame.FrameCase c) {
        for (int i = 0; i < frames.size(); i++) {
            if (frames.get(i).getFrameCase() == c) {
                return i;
            }
        }
        return -1;
    }
}

package io.kefu.handlers.store;

import static io.kefu.handlers.fixtures.Fixtures.msg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kefu.handlers.fixtures.Fixtures;
import io.kefu.handlers.testing.RedisExtension;
import io.kefu.proto.v1.DialogueState;
import io.kefu.proto.v1.InboundMessage;
import io.kefu.proto.v1.OutboundMessage;
import io.kefu.proto.v1.TurnRecord;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ReplyOutboxTest {
    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    private final RedisConversationStore store = new RedisConversationStore(redis.client());
    private final RedisInbox inbox = new RedisInbox(redis.client(), Fixtures.fixedClock(1000));
    private final ReplyOutbox outbox = new ReplyOutbox(redis.client());

    /** Replies only enter the outbox through a committed turn. */
    private void commit(String conv, String msgId, long expectedVersion, OutboundMessage... replies) {
        InboundMessage m = inbox.persist(msg(conv, msgId, "x")).stored();
        store.commit(new TurnCommit(conv, expectedVersion, DialogueState.newBuilder().setConversationId(conv).build(),
                m.toByteArray(), List.of(replies), TurnRecord.newBuilder().setInbound(m).build(), Optional.empty()));
    }

    private static OutboundMessage reply(String id, long seq) {
        return OutboundMessage.newBuilder().setConversationId("c1").setId(id).setSeq(seq).setText(id).build();
    }

    @Test
    void pendingIsInSeqOrderNotInsertionOrder() {
        // ids sort differently from seqs on purpose
        commit("c1", "m1", 0, reply("r-z", 1), reply("r-a", 3), reply("r-m", 2));
        commit("c1", "m2", 1, reply("r-b", 4));
        assertEquals(List.of(1L, 2L, 3L, 4L), outbox.pending("c1").stream().map(OutboundMessage::getSeq).toList());
        assertEquals(List.of("r-z", "r-m", "r-a", "r-b"), outbox.pending("c1").stream().map(OutboundMessage::getId).toList());
        assertEquals("r-m", outbox.pending("c1").get(1).getText(), "the whole message comes back");
    }

    @Test
    void markDeliveredIsIdempotent() {
        commit("c1", "m1", 0, reply("r-1", 1), reply("r-2", 2));
        assertTrue(outbox.markDelivered("c1", "r-1"));
        assertFalse(outbox.markDelivered("c1", "r-1"), "a repeated ack changes nothing");
        assertFalse(outbox.markDelivered("c1", "r-unknown"));
        assertEquals(List.of("r-2"), outbox.pending("c1").stream().map(OutboundMessage::getId).toList());
        assertFalse(outbox.isEmpty("c1"));
        assertTrue(outbox.markDelivered("c1", "r-2"));
        assertTrue(outbox.isEmpty("c1"));
        assertEquals(List.of(), outbox.pending("c1"));
    }

    @Test
    void conversationsAreSeparate() {
        commit("c1", "m1", 0, reply("r-1", 1));
        assertTrue(outbox.isEmpty("c2"));
        assertFalse(outbox.markDelivered("c2", "r-1"));
        assertEquals(1, outbox.pending("c1").size());
    }
}

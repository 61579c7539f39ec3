package io.kefu.handlers.store;

import static io.kefu.handlers.fixtures.Fixtures.msg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kefu.handlers.fixtures.Fixtures;
import io.kefu.handlers.redis.RedisKeys;
import io.kefu.handlers.testing.RedisExtension;
import io.kefu.proto.v1.ConversationMode;
import io.kefu.proto.v1.DialogueState;
import io.kefu.proto.v1.HandoffTicket;
import io.kefu.proto.v1.InboundMessage;
import io.kefu.proto.v1.OutboundMessage;
import io.kefu.proto.v1.TurnRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisConversationStoreTest {
    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    private final RedisConversationStore store = new RedisConversationStore(redis.client());
    private final RedisInbox inbox = new RedisInbox(redis.client(), Fixtures.fixedClock(1000));

    private static DialogueState state(String conv, long version, String slot) {
        return DialogueState.newBuilder().setConversationId(conv).setVersion(version).setMode(ConversationMode.BOT)
                .putSlots("last", slot).build();
    }

    private static OutboundMessage reply(String conv, String id, long seq) {
        return OutboundMessage.newBuilder().setConversationId(conv).setId(id).setSeq(seq).setText("reply " + id).build();
    }

    private static TurnCommit turn(InboundMessage consumed, long expectedVersion, List<OutboundMessage> replies,
                                   Optional<HandoffTicket> ticket) {
        String conv = consumed.getConversationId();
        return new TurnCommit(conv, expectedVersion, state(conv, expectedVersion + 1, consumed.getPlatformMsgId()),
                consumed.toByteArray(), replies, TurnRecord.newBuilder().setInbound(consumed).build(), ticket);
    }

    @Test
    void unknownConversationLoadsAsVersionZero() {
        LoadedState s = store.load("new-conv");
        assertEquals(0, s.version());
        assertEquals("new-conv", s.state().getConversationId());
        assertEquals(ConversationMode.MODE_UNSPECIFIED, s.state().getMode());
    }

    @Test
    void commitWritesEverythingAndConsumesTheMessage() {
        InboundMessage m = inbox.persist(msg("c1", "m1", "转人工")).stored();
        HandoffTicket t = HandoffTicket.newBuilder().setId("t-1").setConversationId("c1").setStoreId("demo").build();
        store.commit(turn(m, 0, List.of(reply("c1", "r-1", 1)), Optional.of(t)));

        LoadedState s = store.load("c1");
        assertEquals(1, s.version());
        assertEquals("m1", s.state().getSlotsOrThrow("last"));
        assertEquals(0, inbox.depth("c1"), "the inbox entry is consumed by the same atomic step");
        assertEquals(List.of("m1"), store.transcript("c1").stream().map(r -> r.getInbound().getPlatformMsgId()).toList());
        assertEquals(Optional.of(t), store.ticket("c1"));
        assertEquals(List.of("r-1"), new ReplyOutbox(redis.client()).pending("c1").stream().map(OutboundMessage::getId).toList());
        assertTrue(redis.client().ttl(RedisKeys.state("c1")) > 0, "conversation state expires eventually");
    }

    @Test
    void staleVersionIsRefusedAndWritesNothing() {
        InboundMessage m1 = inbox.persist(msg("c1", "m1", "a")).stored();
        store.commit(turn(m1, 0, List.of(), Optional.empty()));
        InboundMessage m2 = inbox.persist(msg("c1", "m2", "b")).stored();

        ConcurrentTurnException e = assertThrows(ConcurrentTurnException.class,
                () -> store.commit(turn(m2, 0, List.of(reply("c1", "r-x", 1)), Optional.empty())));
        assertTrue(e.getMessage().contains("changed since version 0"), e.getMessage());
        assertEquals(1, store.load("c1").version());
        assertEquals(1, inbox.depth("c1"), "m2 is still waiting");
        assertEquals(1, store.transcript("c1").size());
        assertTrue(new ReplyOutbox(redis.client()).isEmpty("c1"));
    }

    @Test
    void messageNoLongerAtTheHeadIsRefused() {
        InboundMessage m1 = inbox.persist(msg("c1", "m1", "a")).stored();
        store.commit(turn(m1, 0, List.of(), Optional.empty()));
        // a second worker that also read m1 and the (new) version 1 must not answer m1 again
        ConcurrentTurnException e = assertThrows(ConcurrentTurnException.class,
                () -> store.commit(turn(m1, 1, List.of(reply("c1", "r-dup", 1)), Optional.empty())));
        assertTrue(e.getMessage().contains("already consumed"), e.getMessage());
        assertEquals(1, store.load("c1").version());
        assertTrue(new ReplyOutbox(redis.client()).isEmpty("c1"));
    }

    @Test
    void racingCommitsOnOneVersionHaveExactlyOneWinner() throws Exception {
        InboundMessage m = inbox.persist(msg("c1", "m1", "a")).stored();
        int racers = 6;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            List<Future<Boolean>> fs = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                int n = i;
                fs.add(pool.submit(() -> {
                    go.await();
                    try {
                        store.commit(turn(m, 0, List.of(reply("c1", "r-" + n, 1)), Optional.empty()));
                        return true;
                    } catch (ConcurrentTurnException e) {
                        return false;
                    }
                }));
            }
            go.countDown();
            int wins = 0;
            for (Future<Boolean> f : fs) {
                wins += f.get(10, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertEquals(1, wins);
            assertEquals(1, store.load("c1").version());
            assertEquals(1, store.transcript("c1").size());
            assertEquals(1, new ReplyOutbox(redis.client()).pending("c1").size());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void transcriptKeepsTheLast200Turns() {
        int turns = RedisConversationStore.TRANSCRIPT_LIMIT + 7;
        for (int i = 1; i <= turns; i++) {
            InboundMessage m = inbox.persist(msg("c1", "m" + i, "t" + i)).stored();
            store.commit(turn(m, i - 1, List.of(), Optional.empty()));
        }
        List<TurnRecord> t = store.transcript("c1");
        assertEquals(200, t.size());
        assertEquals("m8", t.get(0).getInbound().getPlatformMsgId(), "the oldest are dropped");
        assertEquals("m" + turns, t.get(199).getInbound().getPlatformMsgId());
        assertEquals(turns, store.load("c1").version());
    }

    @Test
    void laterTurnWithoutTicketKeepsTheOpenTicket() {
        InboundMessage m1 = inbox.persist(msg("c1", "m1", "转人工")).stored();
        HandoffTicket t = HandoffTicket.newBuilder().setId("t-1").setConversationId("c1").build();
        store.commit(turn(m1, 0, List.of(), Optional.of(t)));
        InboundMessage m2 = inbox.persist(msg("c1", "m2", "还在吗")).stored();
        store.commit(turn(m2, 1, List.of(), Optional.empty()));
        assertEquals("t-1", store.ticket("c1").orElseThrow().getId());
        assertTrue(store.ticket("other").isEmpty());
    }
}

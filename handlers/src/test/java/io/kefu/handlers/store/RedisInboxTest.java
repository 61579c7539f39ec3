package io.kefu.handlers.store;

import static io.kefu.handlers.fixtures.Fixtures.msg;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kefu.handlers.fixtures.Fixtures;
import io.kefu.handlers.redis.RedisKeys;
import io.kefu.handlers.testing.RedisExtension;
import io.kefu.proto.v1.InboundMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.JedisPooled;

class RedisInboxTest {
    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    private static final long NOW = 1_700_000_000_000L;

    private RedisInbox inbox() {
        return new RedisInbox(redis.client(), Fixtures.fixedClock(NOW));
    }

    @Test
    void persistStampsReceivedAtAndAppends() {
        RedisInbox inbox = inbox();
        RedisInbox.PersistResult r = inbox.persist(msg("c1", "m1", "在吗"));
        assertFalse(r.duplicate());
        assertEquals(NOW, r.stored().getReceivedAt());
        assertEquals(1, inbox.depth("c1"));
        RedisInbox.Pending head = inbox.head("c1").orElseThrow();
        assertEquals(r.stored(), head.message());
        // the commit compares these bytes with the inbox head, so they must be exactly what was stored
        assertArrayEquals(r.stored().toByteArray(), head.raw());
    }

    @Test
    void redeliveryIsDeduplicatedIntoOneEntry() {
        RedisInbox inbox = inbox();
        assertFalse(inbox.persist(msg("c1", "m1", "在吗")).duplicate());
        // the platform redelivers (no ack arrived in time), possibly with a different send time
        InboundMessage again = msg("c1", "m1", "在吗").toBuilder().setSentAt(42).build();
        assertTrue(inbox.persist(again).duplicate());
        assertTrue(inbox.persist(again).duplicate());
        assertEquals(1, inbox.depth("c1"));
    }

    @Test
    void concurrentRedeliveriesStillGiveOneEntry() throws Exception {
        RedisInbox inbox = inbox();
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return inbox.persist(msg("c1", "same-id", "hello")).duplicate();
                }));
            }
            start.countDown();
            int fresh = 0;
            for (Future<Boolean> f : results) {
                fresh += f.get(10, TimeUnit.SECONDS) ? 0 : 1;
            }
            assertEquals(1, fresh, "exactly one persist call wins");
            assertEquals(1, inbox.depth("c1"));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void dedupIsPerConversation() {
        RedisInbox inbox = inbox();
        assertFalse(inbox.persist(msg("c1", "m1", "a")).duplicate());
        assertFalse(inbox.persist(msg("c2", "m1", "a")).duplicate());
        assertEquals(1, inbox.depth("c1"));
        assertEquals(1, inbox.depth("c2"));
    }

    @Test
    void headIsTheOldestAndOrderIsKept() {
        RedisInbox inbox = inbox();
        for (int i = 1; i <= 5; i++) {
            inbox.persist(msg("c1", "m" + i, "text " + i));
        }
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            RedisInbox.Pending h = inbox.head("c1").orElseThrow();
            seen.add(h.message().getPlatformMsgId());
            assertTrue(inbox.deadLetter("c1", h.raw()));
        }
        assertEquals(List.of("m1", "m2", "m3", "m4", "m5"), seen);
        assertTrue(inbox.head("c1").isEmpty());
    }

    @Test
    void missingIdsAreRefusedAndNothingIsWritten() {
        RedisInbox inbox = inbox();
        assertThrows(IllegalArgumentException.class, () -> inbox.persist(msg("", "m1", "x")));
        assertThrows(IllegalArgumentException.class, () -> inbox.persist(msg("c1", "", "x")));
        assertEquals(0, inbox.depth("c1"));
        assertTrue(inbox.activeConversations(10).isEmpty());
    }

    @Test
    void deadLetterMovesOnlyTheCurrentHead() {
        RedisInbox inbox = inbox();
        InboundMessage m1 = inbox.persist(msg("c1", "m1", "a")).stored();
        InboundMessage m2 = inbox.persist(msg("c1", "m2", "b")).stored();
        // a stale worker holding m2's bytes must not remove anything while m1 is still the head
        assertFalse(inbox.deadLetter("c1", m2.toByteArray()));
        assertEquals(2, inbox.depth("c1"));
        assertTrue(inbox.deadLetter("c1", m1.toByteArray()));
        assertFalse(inbox.deadLetter("c1", m1.toByteArray()), "dead-lettering twice is a no-op");
        assertEquals(1, inbox.depth("c1"));
        assertEquals(1, inbox.deadLetters("c1").size());
        assertArrayEquals(m1.toByteArray(), inbox.deadLetters("c1").get(0), "kept for inspection");
    }

    @Test
    void unreadableHeadIsMovedAsideInsteadOfBlockingTheConversation() {
        RedisInbox inbox = inbox();
        byte[] garbage = {0x00, 0x01};
        redis.client().rpush(RedisKeys.bytes(RedisKeys.inbox("c1")), garbage);
        inbox.persist(msg("c1", "m1", "real"));
        assertEquals("m1", inbox.head("c1").orElseThrow().message().getPlatformMsgId());
        assertEquals(1, inbox.depth("c1"));
        assertArrayEquals(garbage, inbox.deadLetters("c1").get(0));
    }

    @Test
    void persistIndexesTheConversationAsActiveEvenOnDuplicates() {
        RedisInbox inbox = inbox();
        inbox.persist(msg("c1", "m1", "a"));
        inbox.persist(msg("c2", "m1", "a"));
        assertEquals(List.of("c1", "c2"), inbox.activeConversations(10).stream().sorted().toList());
        // a crash between the append and the index: the redelivery heals it
        redis.client().zrem(RedisKeys.activeIndex(), "c1");
        assertTrue(inbox.persist(msg("c1", "m1", "a")).duplicate());
        assertTrue(inbox.activeConversations(10).contains("c1"));
        assertEquals(1, inbox.activeConversations(1).size(), "limit is honoured");
    }

    @Test
    void retireIfIdleOnlyRetiresConversationsWithNothingLeft() {
        RedisInbox inbox = inbox();
        InboundMessage m = inbox.persist(msg("c1", "m1", "a")).stored();
        inbox.retireIfIdle("c1", true);
        assertTrue(inbox.activeConversations(10).contains("c1"), "an inbox entry is left");
        inbox.deadLetter("c1", m.toByteArray());
        inbox.retireIfIdle("c1", false);
        assertTrue(inbox.activeConversations(10).contains("c1"), "undelivered replies are left");
        inbox.retireIfIdle("c1", true);
        assertFalse(inbox.activeConversations(10).contains("c1"));
    }

    /**
     * The race retireIfIdle guards against: a message is persisted (RPUSH + ZADD) after the idle
     * check but before the ZREM, so the ZREM wipes the fresh index entry. Forced deterministically
     * by persisting from inside the client call, just before the ZREM is sent.
     */
    @Test
    void messagePersistedDuringRetireIsNeverLeftUnindexed() {
        RedisInbox other = inbox();
        try (RaceBeforeZrem racing = new RaceBeforeZrem(redis.url())) {
            RedisInbox retiring = new RedisInbox(racing, Fixtures.fixedClock(NOW));
            racing.beforeZrem = () -> other.persist(msg("c1", "late", "来了"));
            retiring.retireIfIdle("c1", true);
            assertNull(racing.beforeZrem, "the race was really exercised");
        }
        assertEquals(1, other.depth("c1"));
        assertNotNull(redis.client().zscore(RedisKeys.activeIndex(), "c1"), "recovery must still find the late message");
    }

    /** A client that runs a hook once, just before its first ZREM is sent. */
    static final class RaceBeforeZrem extends JedisPooled {
        volatile Runnable beforeZrem;

        RaceBeforeZrem(String url) {
            super(url);
        }

        @Override
        public long zrem(String key, String... members) {
            Runnable hook = beforeZrem;
            beforeZrem = null;
            if (hook != null) {
                hook.run();
            }
            return super.zrem(key, members);
        }
    }

}

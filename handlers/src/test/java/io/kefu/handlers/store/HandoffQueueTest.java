package io.kefu.handlers.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kefu.handlers.testing.RedisExtension;
import io.kefu.proto.v1.HandoffTicket;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HandoffQueueTest {
    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    private static HandoffTicket ticket(String store, String conv, int priority, long createdAt) {
        return HandoffTicket.newBuilder().setStoreId(store).setConversationId(conv).setPriority(priority)
                .setCreatedAt(createdAt).build();
    }

    @Test
    void higherPriorityFirstThenLongestWaiting() {
        HandoffQueue q = new HandoffQueue(redis.client());
        long t0 = 1_700_000_000_000L; // real epoch millis: the score must not lose the ordering at this size
        q.enqueue(ticket("demo", "confused-old", 1, t0));
        q.enqueue(ticket("demo", "asked-new", 2, t0 + 5_000));
        q.enqueue(ticket("demo", "confused-new", 1, t0 + 1));
        q.enqueue(ticket("demo", "asked-old", 2, t0 + 1_000));
        assertEquals(List.of("asked-old", "asked-new", "confused-old", "confused-new"), q.waiting("demo"));
    }

    @Test
    void enqueueIsIdempotentAndPerStore() {
        HandoffQueue q = new HandoffQueue(redis.client());
        HandoffTicket t = ticket("demo", "c1", 2, 1_700_000_000_000L);
        q.enqueue(t);
        q.enqueue(t); // recovery may add it again
        q.enqueue(ticket("other", "c9", 1, 1_700_000_000_000L));
        assertEquals(List.of("c1"), q.waiting("demo"));
        assertEquals(List.of("c9"), q.waiting("other"));
        assertEquals(List.of(), q.waiting("empty"));
    }
}

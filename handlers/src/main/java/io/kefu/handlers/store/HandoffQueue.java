package io.kefu.handlers.store;

import io.kefu.handlers.redis.RedisKeys;
import io.kefu.proto.v1.HandoffTicket;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;

/**
 * The per-store queue of conversations waiting for a person. The ticket itself is written with
 * its turn (same slot as the conversation); this index is added afterwards, idempotently, and
 * rebuilt by recovery if a crash fell in between.
 */
public final class HandoffQueue {
    private final UnifiedJedis redis;

    public HandoffQueue(UnifiedJedis redis) {
        this.redis = redis;
    }

    /** Higher priority first, then the longest waiting. */
    static double score(HandoffTicket t) {
        return -(double) t.getPriority() * 1e13 + t.getCreatedAt();
    }

    public void enqueue(HandoffTicket t) {
        redis.zadd(RedisKeys.handoffQueue(t.getStoreId()), score(t), t.getConversationId());
    }

    /** Conversation ids waiting in a store's queue, first to serve first. */
    public List<String> waiting(String storeId) {
        return redis.zrange(RedisKeys.handoffQueue(storeId), 0, -1);
    }
}

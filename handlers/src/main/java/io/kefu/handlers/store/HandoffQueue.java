package io.kefu.handlers.store;

import io.kefu.handlers.redis.RedisKeys;
import io.kefu.proto.v1.HandoffTicket;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.resps.Tuple;

/**
 * The queues of conversations waiting for a person: one per store and skill group (pre-sales,
 * after-sales, VIP, …). The ticket itself is written with its turn (same slot as the
 * conversation); these indexes are updated afterwards, idempotently, from the ticket's state.
 */
public final class HandoffQueue {
    private final UnifiedJedis redis;

    public HandoffQueue(UnifiedJedis redis) {
        this.redis = redis;
    }

    public UnifiedJedis redis() {
        return redis;
    }

    /** Higher priority first, then the longest waiting. */
    public static double score(HandoffTicket t) {
        return -(double) t.getPriority() * 1e13 + t.getCreatedAt();
    }

    static String group(HandoffTicket t) {
        return t.getSkillGroup().isEmpty() ? "default" : t.getSkillGroup();
    }

    /** Puts a waiting ticket in its group's queue (and no other). Safe to repeat. */
    public void enqueue(HandoffTicket t) {
        String group = group(t);
        redis.sadd(RedisKeys.handoffGroups(t.getStoreId()), group);
        redis.zadd(RedisKeys.handoffQueue(t.getStoreId(), group), score(t), t.getConversationId());
        for (String other : groups(t.getStoreId())) {
            if (!other.equals(group)) {
                redis.zrem(RedisKeys.handoffQueue(t.getStoreId(), other), t.getConversationId());
            }
        }
    }

    /** Takes a conversation out of every queue of its store. Safe to repeat. */
    public void remove(String storeId, String conversationId) {
        for (String g : groups(storeId)) {
            redis.zrem(RedisKeys.handoffQueue(storeId, g), conversationId);
        }
    }

    public Set<String> groups(String storeId) {
        return redis.smembers(RedisKeys.handoffGroups(storeId));
    }

    /** Conversation ids waiting in one group, first to serve first. */
    public List<String> waiting(String storeId, String group) {
        return redis.zrange(RedisKeys.handoffQueue(storeId, group), 0, -1);
    }

    /** Conversation ids waiting in all of a store's groups, merged in serving order. */
    public List<String> waiting(String storeId) {
        List<Tuple> all = new ArrayList<>();
        for (String g : groups(storeId)) {
            all.addAll(redis.zrangeWithScores(RedisKeys.handoffQueue(storeId, g), 0, -1));
        }
        all.sort(Comparator.comparingDouble(Tuple::getScore));
        return all.stream().map(Tuple::getElement).toList();
    }

    /** The group a waiting conversation is queued in, if it is queued. */
    public Optional<String> queuedIn(String storeId, String conversationId) {
        for (String g : groups(storeId)) {
            if (redis.zscore(RedisKeys.handoffQueue(storeId, g), conversationId) != null) {
                return Optional.of(g);
            }
        }
        return Optional.empty();
    }
}

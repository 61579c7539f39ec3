package io.kefu.handlers.handoff;

import io.kefu.handlers.redis.RedisKeys;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ZAddParams;

/**
 * The queue's clocks, as absolute times in Redis so a restart loses none of them: each open
 * ticket's first-response deadline (SLA), the breaches, and since when a buyer has waited for an
 * answer from the agent who holds the conversation.
 */
public final class HandoffClocks {
    private final UnifiedJedis redis;

    public HandoffClocks(UnifiedJedis redis) {
        this.redis = redis;
    }

    public void slaRunning(String storeId, String conv, long dueAt) {
        redis.zadd(RedisKeys.slaDue(storeId), dueAt, conv);
    }

    public void slaStopped(String storeId, String conv) {
        redis.zrem(RedisKeys.slaDue(storeId), conv);
    }

    /** Tickets past their first-response deadline, not yet reported. */
    public List<String> slaOverdue(String storeId, long now) {
        return redis.zrangeByScore(RedisKeys.slaDue(storeId), Double.NEGATIVE_INFINITY, now);
    }

    /** Records a ticket's breach once; true the first time (the caller alerts). */
    public boolean breached(String storeId, String conv, String ticketId, long now) {
        redis.zrem(RedisKeys.slaDue(storeId), conv);
        return redis.zadd(RedisKeys.slaBreaches(storeId), now, ticketId, ZAddParams.zAddParams().nx()) == 1;
    }

    public boolean isBreached(String storeId, String ticketId) {
        return redis.zscore(RedisKeys.slaBreaches(storeId), ticketId) != null;
    }

    public long breachesSince(String storeId, long since) {
        return redis.zcount(RedisKeys.slaBreaches(storeId), since, Double.POSITIVE_INFINITY);
    }

    /** The buyer wrote to an agent-held conversation; the first unanswered message starts the clock. */
    public void buyerWaiting(String storeId, String conv, long since) {
        redis.zadd(RedisKeys.agentSilence(storeId), since, conv, ZAddParams.zAddParams().nx());
    }

    public void agentAnswered(String storeId, String conv) {
        redis.zrem(RedisKeys.agentSilence(storeId), conv);
    }

    /** Conversations whose buyer has waited since before {@code cutoff}. */
    public List<String> silentSince(String storeId, long cutoff) {
        return redis.zrangeByScore(RedisKeys.agentSilence(storeId), Double.NEGATIVE_INFINITY, cutoff);
    }
}

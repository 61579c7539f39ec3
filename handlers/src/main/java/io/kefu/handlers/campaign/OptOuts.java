package io.kefu.handlers.campaign;

import redis.clients.jedis.UnifiedJedis;

/** Buyers who said they want no more proactive messages from a store. Checked when each task is due. */
public final class OptOuts {
    private final UnifiedJedis redis;

    public OptOuts(UnifiedJedis redis) {
        this.redis = redis;
    }

    /** True when the buyer was not opted out before. */
    public boolean optOut(String storeId, String buyerId) {
        return redis.sadd(CampaignKeys.optOut(storeId), buyerId) == 1;
    }

    public boolean optedOut(String storeId, String buyerId) {
        return redis.sismember(CampaignKeys.optOut(storeId), buyerId);
    }
}

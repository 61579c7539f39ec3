package io.kefu.handlers.plugin.host;

import io.kefu.handlers.plugin.PluginStorage;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;

/**
 * A plugin's storage for one store: one Redis hash {@code kefu:{plugin:<id>:<store>}:data}. The
 * plugin only ever gets the object for the store of the turn or job at hand, so it has no way to
 * name another store's hash.
 */
final class RedisPluginStorage implements PluginStorage {
    private final UnifiedJedis redis;
    private final String key;

    RedisPluginStorage(UnifiedJedis redis, String pluginId, String storeId) {
        this.redis = redis;
        this.key = "kefu:{plugin:" + pluginId + ":" + storeId + "}:data";
    }

    private static String checked(String field) {
        if (field == null || field.isEmpty() || field.length() > 200) {
            throw new IllegalArgumentException("storage key must be 1-200 characters");
        }
        return field;
    }

    @Override
    public Optional<String> get(String field) {
        return Optional.ofNullable(redis.hget(key, checked(field)));
    }

    @Override
    public void put(String field, String value) {
        if (value == null) {
            throw new IllegalArgumentException("storage value must not be null (use delete)");
        }
        redis.hset(key, checked(field), value);
    }

    @Override
    public void delete(String field) {
        redis.hdel(key, checked(field));
    }

    @Override
    public long increment(String field, long delta) {
        return redis.hincrBy(key, checked(field), delta);
    }
}

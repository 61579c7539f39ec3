package io.kefu.gateway.connector;

import io.kefu.handlers.config.ChannelConfig;
import io.kefu.handlers.config.KefuConfig;
import io.kefu.handlers.config.StoreConfig;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import redis.clients.jedis.UnifiedJedis;

/**
 * What a connector gets to work with: its channel and store, the inbound pipeline, metrics, an
 * HTTP client, a scheduler for timers (never for blocking work) and the blocking executor (Redis).
 */
public record ConnectorContext(
        KefuConfig config,
        StoreConfig store,
        ChannelConfig channel,
        InboundPipeline inbound,
        ConnectorMetrics metrics,
        JsonHttpClient http,
        ScheduledExecutorService scheduler,
        ExecutorService blocking,
        UnifiedJedis redis,
        Clock clock) {

    /** A required setting; the error names {@code stores[i].channels[j].settings.key}. */
    public String setting(String key) {
        return channel.setting(config, key);
    }

    public String setting(String key, String defaultValue) {
        return channel.setting(key, defaultValue);
    }

    /** A numeric setting with bounds; errors name the key path. */
    public long longSetting(String key, long defaultValue, long min, long max) {
        String v = channel.setting(key, null);
        if (v == null) {
            return defaultValue;
        }
        try {
            long n = Long.parseLong(v.trim());
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new io.kefu.handlers.config.ConfigException("config", settingPath(key),
                    "must be a whole number from " + min + " to " + max + " (got '" + v + "')");
        }
    }

    public String settingPath(String key) {
        return config.channelPath(channel.id()) + ".settings." + key;
    }

    public ConnectionStateHolder newState() {
        return new ConnectionStateHolder(channel.id(), metrics);
    }
}

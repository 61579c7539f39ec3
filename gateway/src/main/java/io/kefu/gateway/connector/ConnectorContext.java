package io.kefu.gateway.connector;

import io.kefu.handlers.config.ChannelConfig;
import io.kefu.handlers.config.ConfigException;
import io.kefu.handlers.config.KefuConfig;
import io.kefu.handlers.config.StoreConfig;
import java.net.URI;
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
            throw new ConfigException("config", settingPath(key),
                    "must be a whole number from " + min + " to " + max + " (got '" + v + "')");
        }
    }

    /**
     * {@code base_url}: where the platform's API is (the real host by default, a simulator in
     * tests and {@code --demo}), without a trailing slash so paths can be appended as they are.
     */
    public URI baseUrlSetting(String defaultValue) {
        String base = setting("base_url", defaultValue);
        try {
            URI uri = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
            if (uri.getScheme() == null || !uri.getScheme().startsWith("http") || uri.getHost() == null) {
                throw new IllegalArgumentException();
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new ConfigException("config", settingPath("base_url"), "must be an http(s) URL (got '" + base + "')");
        }
    }

    public String settingPath(String key) {
        return config.channelPath(channel.id()) + ".settings." + key;
    }

    public ConnectionStateHolder newState() {
        return new ConnectionStateHolder(channel.id(), metrics);
    }
}

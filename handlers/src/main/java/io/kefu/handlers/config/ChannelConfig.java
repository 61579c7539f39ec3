package io.kefu.handlers.config;

import io.kefu.proto.v1.Platform;
import java.util.Map;

/**
 * One messaging channel a store has registered kefu on.
 *
 * @param id       unique across all stores; appears in URLs ({@code /channel/open/{id}})
 * @param platform which connector serves it
 * @param token    the shared secret a client presents (open channel)
 * @param name     shown to people (console, demo chat page)
 * @param settings platform-specific keys (credentials, base URL, …) under {@code settings:},
 *                 validated by the platform's connector at start
 */
public record ChannelConfig(String id, Platform platform, String token, String name, Map<String, String> settings) {
    public ChannelConfig {
        settings = Map.copyOf(settings);
    }

    public ChannelConfig(String id, Platform platform, String token, String name) {
        this(id, platform, token, name, Map.of());
    }

    /** A required platform setting; the error names its key path. */
    public String setting(KefuConfig config, String key) {
        String v = settings.get(key);
        if (v == null || v.isBlank()) {
            throw new ConfigException("config", config.channelPath(id) + ".settings." + key, "required for platform "
                    + platform.name().toLowerCase(java.util.Locale.ROOT));
        }
        return v;
    }

    public String setting(String key, String defaultValue) {
        String v = settings.get(key);
        return v == null || v.isBlank() ? defaultValue : v;
    }
}

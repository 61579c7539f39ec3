package io.kefu.handlers.config;

import java.util.List;

/**
 * A store (tenant). Everything a conversation touches is scoped by {@code id}.
 *
 * @param language the store's default reply language when a message gives no clue ("zh" or "en")
 */
public record StoreConfig(String id, String name, String language, List<ChannelConfig> channels) {
    public StoreConfig {
        channels = List.copyOf(channels);
    }
}

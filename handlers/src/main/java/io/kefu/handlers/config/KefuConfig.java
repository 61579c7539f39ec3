package io.kefu.handlers.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole configuration, read once at start and never mutated. {@code redisUrl} empty means
 * "start an embedded Redis under {@code dataDir}/redis". {@code sections} holds the top-level
 * sections owned by optional parts (e.g. {@code console}, {@code erp}), each validated by its owner.
 */
public record KefuConfig(
        int httpPort,
        Optional<String> redisUrl,
        Path dataDir,
        NluConfig nlu,
        HandoffConfig handoff,
        List<StoreConfig> stores,
        Map<String, JsonNode> sections) {

    /** Top-level keys that belong to optional parts of kefu rather than to the core. */
    public static final java.util.Set<String> SECTION_KEYS =
            java.util.Set.of("console", "platforms", "erp", "knowledge", "plugins", "campaigns", "admin");

    public KefuConfig {
        stores = List.copyOf(stores);
        sections = Map.copyOf(sections);
    }

    public KefuConfig(int httpPort, Optional<String> redisUrl, Path dataDir, NluConfig nlu, HandoffConfig handoff,
                      List<StoreConfig> stores) {
        this(httpPort, redisUrl, dataDir, nlu, handoff, stores, Map.of());
    }

    /** A section's raw tree, if present (the owner validates it and names keys as {@code section.key}). */
    public Optional<JsonNode> section(String name) {
        return Optional.ofNullable(sections.get(name));
    }

    /** {@code stores[i].channels[j]} of a channel, for error messages. */
    public String channelPath(String channelId) {
        for (int i = 0; i < stores.size(); i++) {
            List<ChannelConfig> cs = stores.get(i).channels();
            for (int j = 0; j < cs.size(); j++) {
                if (cs.get(j).id().equals(channelId)) {
                    return "stores[" + i + "].channels[" + j + "]";
                }
            }
        }
        return "channel " + channelId;
    }

    public Optional<ChannelConfig> channel(String channelId) {
        return stores.stream().flatMap(s -> s.channels().stream()).filter(c -> c.id().equals(channelId)).findFirst();
    }

    public Optional<StoreConfig> storeOfChannel(String channelId) {
        return stores.stream().filter(s -> s.channels().stream().anyMatch(c -> c.id().equals(channelId))).findFirst();
    }

    public KefuConfig withHttpPort(int port) {
        return new KefuConfig(port, redisUrl, dataDir, nlu, handoff, stores, sections);
    }

    public KefuConfig withRedisUrl(Optional<String> url) {
        return new KefuConfig(httpPort, url, dataDir, nlu, handoff, stores, sections);
    }

    public KefuConfig withDataDir(Path dir) {
        return new KefuConfig(httpPort, redisUrl, dir, nlu, handoff, stores, sections);
    }
}

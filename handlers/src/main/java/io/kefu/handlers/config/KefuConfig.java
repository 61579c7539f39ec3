package io.kefu.handlers.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The whole configuration, read once at start and never mutated. {@code redisUrl} empty means
 * "start an embedded Redis under {@code dataDir}/redis".
 */
public record KefuConfig(
        int httpPort,
        Optional<String> redisUrl,
        Path dataDir,
        NluConfig nlu,
        HandoffConfig handoff,
        List<StoreConfig> stores) {

    public KefuConfig {
        stores = List.copyOf(stores);
    }

    public Optional<ChannelConfig> channel(String channelId) {
        return stores.stream().flatMap(s -> s.channels().stream()).filter(c -> c.id().equals(channelId)).findFirst();
    }

    public Optional<StoreConfig> storeOfChannel(String channelId) {
        return stores.stream().filter(s -> s.channels().stream().anyMatch(c -> c.id().equals(channelId))).findFirst();
    }

    public KefuConfig withHttpPort(int port) {
        return new KefuConfig(port, redisUrl, dataDir, nlu, handoff, stores);
    }

    public KefuConfig withRedisUrl(Optional<String> url) {
        return new KefuConfig(httpPort, url, dataDir, nlu, handoff, stores);
    }

    public KefuConfig withDataDir(Path dir) {
        return new KefuConfig(httpPort, redisUrl, dir, nlu, handoff, stores);
    }
}

package io.kefu.gateway.orderfeed;

import com.fasterxml.jackson.databind.JsonNode;
import io.kefu.handlers.campaign.CampaignSettings;
import io.kefu.handlers.config.AllowedKeys;
import io.kefu.handlers.config.ConfigException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One mapping of the order-feed settings (the {@code campaigns:} section, or one connection in its
 * {@code taobao:} or {@code pinduoduo:} list), read with errors that name the full key, e.g.
 * {@code campaigns.pinduoduo[0].client_secret}, so that a bad config says where to look.
 */
public final class FeedSettingsMapping {
    private final JsonNode node;
    private final String at;

    private FeedSettingsMapping(JsonNode node, String at) {
        this.node = node;
        this.at = at;
    }

    /** {@code node}, found at key path {@code at}; refused unless it is a mapping holding allowed keys only. */
    public static FeedSettingsMapping read(JsonNode node, String at, AllowedKeys keys) {
        keys.check(node, at);
        return new FeedSettingsMapping(node, at);
    }

    /**
     * The connection list {@code list} found at {@code at} (absent means none), each entry read
     * with {@code keys} and turned into settings by {@code parse}, in order, so that the first bad
     * entry is the one reported.
     */
    public static <T> List<T> list(JsonNode list, String at, String what, AllowedKeys keys, Function<FeedSettingsMapping, T> parse) {
        List<T> out = new ArrayList<>();
        if (list == null || list.isNull()) {
            return out;
        }
        if (!list.isArray()) {
            throw error(at, "must be a list of " + what);
        }
        for (int i = 0; i < list.size(); i++) {
            out.add(parse.apply(read(list.get(i), at + "[" + i + "]", keys)));
        }
        return out;
    }

    /** The {@code store} field, which must name an entry under {@code campaigns.stores}. */
    public String store(CampaignSettings campaigns) {
        String store = required("store");
        if (campaigns.store(store).isEmpty()) {
            throw error(at + ".store", "store '" + store + "' has no entry under campaigns.stores");
        }
        return store;
    }

    /** The {@code url} field ({@code def} when absent), which must be ws:// or wss://. */
    public URI url(URI def) {
        try {
            URI url = URI.create(text("url", def.toString()));
            if (!"ws".equals(url.getScheme()) && !"wss".equals(url.getScheme())) {
                throw new IllegalArgumentException("scheme must be ws or wss");
            }
            return url;
        } catch (IllegalArgumentException e) {
            throw error(at + ".url", "not a ws:// or wss:// URL: " + e.getMessage());
        }
    }

    public String required(String field) {
        String v = text(field, "");
        if (v.isBlank()) {
            throw error(at + "." + field, "required");
        }
        return v;
    }

    /** The trimmed text of {@code field}, or {@code def} when it is absent or null. */
    public String text(String field, String def) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? def : v.asText().trim();
    }

    /** A period in milliseconds, 50 to {@code max}; {@code def} when absent or null. */
    public long millis(String field, long def, long max) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return def;
        }
        if (!v.isIntegralNumber() || v.asLong() < 50 || v.asLong() > max) {
            throw error(at + "." + field, "must be an integer between 50 and " + max + " (got '" + v.asText() + "')");
        }
        return v.asLong();
    }

    private static ConfigException error(String key, String problem) {
        return new ConfigException("config", key, problem);
    }
}

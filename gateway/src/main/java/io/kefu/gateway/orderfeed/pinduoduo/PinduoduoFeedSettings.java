package io.kefu.gateway.orderfeed.pinduoduo;

import com.fasterxml.jackson.databind.JsonNode;
import io.kefu.handlers.campaign.CampaignSettings;
import io.kefu.handlers.config.ConfigException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * One Pinduoduo push connection ({@code campaigns.pinduoduo[i]}): the store its events belong to,
 * the app's {@code client_id}/{@code client_secret}, optionally the one {@code mall_id} whose
 * events are this store's (an app authorised by several malls receives them all on one link).
 */
public record PinduoduoFeedSettings(String storeId, URI url, String clientId, String clientSecret, String mallId, Duration heartbeat) {
    public static final URI DEFAULT_URL = URI.create("wss://message-api.pinduoduo.com");
    static final Set<String> KEYS = Set.of("store", "client_id", "client_secret", "mall_id", "url", "heartbeat_ms");

    /** Parses the {@code campaigns.pinduoduo} list (absent = none); errors name the key, e.g. {@code campaigns.pinduoduo[0].client_secret}. */
    public static List<PinduoduoFeedSettings> parseAll(JsonNode list, CampaignSettings campaigns) {
        List<PinduoduoFeedSettings> out = new ArrayList<>();
        if (list == null || list.isNull()) {
            return out;
        }
        if (!list.isArray()) {
            throw error("campaigns.pinduoduo", "must be a list of push connections");
        }
        for (int i = 0; i < list.size(); i++) {
            out.add(parseOne(list.get(i), "campaigns.pinduoduo[" + i + "]", campaigns));
        }
        return out;
    }

    private static PinduoduoFeedSettings parseOne(JsonNode n, String at, CampaignSettings campaigns) {
        if (!n.isObject()) {
            throw error(at, "must be a mapping");
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!KEYS.contains(f)) {
                throw error(at + "." + f, "unknown key (allowed here: " + String.join(", ", KEYS.stream().sorted().toList()) + ")");
            }
        }
        String store = required(n, at, "store");
        if (campaigns.store(store).isEmpty()) {
            throw error(at + ".store", "store '" + store + "' has no entry under campaigns.stores");
        }
        URI url;
        try {
            url = URI.create(text(n, "url", DEFAULT_URL.toString()));
            if (!"ws".equals(url.getScheme()) && !"wss".equals(url.getScheme())) {
                throw new IllegalArgumentException("scheme must be ws or wss");
            }
        } catch (IllegalArgumentException e) {
            throw error(at + ".url", "not a ws:// or wss:// URL: " + e.getMessage());
        }
        return new PinduoduoFeedSettings(store, url, required(n, at, "client_id"), required(n, at, "client_secret"),
                text(n, "mall_id", ""), Duration.ofMillis(heartbeatMillis(n, at)));
    }

    private static long heartbeatMillis(JsonNode n, String at) {
        JsonNode v = n.get("heartbeat_ms");
        if (v == null || v.isNull()) {
            return 5_000; // §6: "about every 5 s"
        }
        if (!v.isIntegralNumber() || v.asLong() < 50 || v.asLong() > 60_000) {
            throw error(at + ".heartbeat_ms", "must be an integer between 50 and 60000 (got '" + v.asText() + "')");
        }
        return v.asLong();
    }

    private static String required(JsonNode n, String at, String field) {
        String v = text(n, field, "");
        if (v.isBlank()) {
            throw error(at + "." + field, "required");
        }
        return v;
    }

    private static String text(JsonNode n, String field, String def) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? def : v.asText().trim();
    }

    private static ConfigException error(String key, String problem) {
        return new ConfigException("config", key, problem);
    }
}

package io.kefu.gateway.orderfeed;

import com.fasterxml.jackson.databind.JsonNode;
import io.kefu.gateway.orderfeed.pinduoduo.PinduoduoFeedSettings;
import io.kefu.handlers.campaign.CampaignSettings;
import io.kefu.handlers.config.ConfigException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The feed part of the {@code campaigns:} section: {@code taobao:} (TMC connections),
 * {@code pinduoduo:} (push connections, parsed by {@link PinduoduoFeedSettings}) and
 * {@code poll_interval_ms}. Errors name the key ({@code campaigns.taobao[0].app_secret}).
 */
record OrderFeedSettings(List<TaobaoFeedSettings> taobao, List<PinduoduoFeedSettings> pinduoduo, Duration pollInterval) {
    static final Set<String> SECTION_KEYS = Set.of("stores", "taobao", "pinduoduo", "poll_interval_ms");
    static final Set<String> TAOBAO_KEYS = Set.of("store", "app_key", "app_secret", "group", "url", "pull_interval_ms", "heartbeat_ms");

    static OrderFeedSettings parse(JsonNode section, CampaignSettings campaigns) {
        for (Iterator<String> it = section.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!SECTION_KEYS.contains(f)) {
                throw error("campaigns." + f, "unknown key (allowed here: " + String.join(", ", SECTION_KEYS.stream().sorted().toList()) + ")");
            }
        }
        List<TaobaoFeedSettings> taobao = new ArrayList<>();
        JsonNode list = section.get("taobao");
        if (list != null && !list.isNull()) {
            if (!list.isArray()) {
                throw error("campaigns.taobao", "must be a list of TMC connections");
            }
            for (int i = 0; i < list.size(); i++) {
                String at = "campaigns.taobao[" + i + "]";
                JsonNode n = list.get(i);
                if (!n.isObject()) {
                    throw error(at, "must be a mapping");
                }
                for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                    String f = it.next();
                    if (!TAOBAO_KEYS.contains(f)) {
                        throw error(at + "." + f, "unknown key (allowed here: " + String.join(", ", TAOBAO_KEYS.stream().sorted().toList()) + ")");
                    }
                }
                String store = required(n, at, "store");
                if (campaigns.store(store).isEmpty()) {
                    throw error(at + ".store", "store '" + store + "' has no entry under campaigns.stores");
                }
                URI url;
                try {
                    url = URI.create(text(n, "url", TaobaoFeedSettings.DEFAULT_URL.toString()));
                    if (!"ws".equals(url.getScheme()) && !"wss".equals(url.getScheme())) {
                        throw new IllegalArgumentException("scheme must be ws or wss");
                    }
                } catch (IllegalArgumentException e) {
                    throw error(at + ".url", "not a ws:// or wss:// URL: " + e.getMessage());
                }
                taobao.add(new TaobaoFeedSettings(store, url, required(n, at, "app_key"), required(n, at, "app_secret"),
                        text(n, "group", "default"), Duration.ofMillis(millis(n, at, "pull_interval_ms", 15_000)),
                        Duration.ofMillis(millis(n, at, "heartbeat_ms", 45_000))));
            }
        }
        return new OrderFeedSettings(taobao, PinduoduoFeedSettings.parseAll(section.get("pinduoduo"), campaigns), Duration.ofMillis(millis(section, "campaigns", "poll_interval_ms", 1000)));
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

    private static long millis(JsonNode n, String at, String field, long def) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return def;
        }
        if (!v.isIntegralNumber() || v.asLong() < 50 || v.asLong() > 3_600_000) {
            throw error(at + "." + field, "must be an integer between 50 and 3600000 (got '" + v.asText() + "')");
        }
        return v.asLong();
    }

    private static ConfigException error(String key, String problem) {
        return new ConfigException("config", key, problem);
    }
}

package io.kefu.handlers.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import io.kefu.handlers.config.AllowedKeys;
import io.kefu.handlers.config.ChannelConfig;
import io.kefu.handlers.config.ConfigException;
import io.kefu.handlers.config.KefuConfig;
import io.kefu.handlers.config.StoreConfig;
import io.kefu.proto.v1.Platform;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code campaigns.stores} part of the config: which stores run the proactive service and how.
 * Every error names its key ({@code campaigns.stores.shop-1.quiet_hours}); the order-feed keys
 * beside {@code stores} ({@code taobao}, {@code pinduoduo}, …) belong to the gateway's feed parser.
 */
public record CampaignSettings(Map<String, StoreCampaign> stores) {
    static final AllowedKeys STORE_KEYS = AllowedKeys.of("chat_channel", "time_zone", "quiet_hours", "reminders", "follow_ups",
            "reminder_delay_minutes", "reminder_coupon", "reminder_template", "stall_hours", "buyer_daily_limit",
            "channel_per_minute");

    public CampaignSettings {
        stores = Map.copyOf(stores);
    }

    public Optional<StoreCampaign> store(String storeId) {
        return Optional.ofNullable(stores.get(storeId));
    }

    public static CampaignSettings of(StoreCampaign... stores) {
        Map<String, StoreCampaign> m = new LinkedHashMap<>();
        for (StoreCampaign s : stores) {
            m.put(s.storeId(), s);
        }
        return new CampaignSettings(m);
    }

    /** Empty when the config has no {@code campaigns.stores}. */
    public static Optional<CampaignSettings> fromConfig(KefuConfig config) {
        Optional<JsonNode> section = config.section("campaigns");
        if (section.isEmpty() || section.get().get("stores") == null) {
            return Optional.empty();
        }
        JsonNode stores = section.get().get("stores");
        if (!stores.isObject() || stores.isEmpty()) {
            throw error("campaigns.stores", "must be a mapping of store id to its campaign settings");
        }
        Map<String, StoreCampaign> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = stores.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), store(config, e.getKey(), e.getValue()));
        }
        return Optional.of(new CampaignSettings(out));
    }

    private static StoreCampaign store(KefuConfig config, String storeId, JsonNode n) {
        String at = "campaigns.stores." + storeId;
        StoreConfig store = config.stores().stream().filter(s -> s.id().equals(storeId)).findFirst()
                .orElseThrow(() -> error(at, "no store '" + storeId + "' under stores:"));
        STORE_KEYS.check(n, at);
        String channelId = text(n, "chat_channel", at, null);
        if (channelId == null) {
            throw error(at + ".chat_channel", "required: the id of the store's chat channel proactive messages go to");
        }
        ChannelConfig channel = store.channels().stream().filter(c -> c.id().equals(channelId)).findFirst()
                .orElseThrow(() -> error(at + ".chat_channel", "store " + storeId + " has no channel '" + channelId + "'"));
        if (!ProactiveConversations.supports(channel.platform())) {
            throw error(at + ".chat_channel", "proactive messages need a channel whose conversation is known from the buyer alone"
                    + " (open); '" + channelId + "' is " + channel.platform().name().toLowerCase(java.util.Locale.ROOT));
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(text(n, "time_zone", at, "Asia/Shanghai"));
        } catch (DateTimeException e) {
            throw error(at + ".time_zone", "not a time zone id (e.g. Asia/Shanghai): " + e.getMessage());
        }
        QuietHours quiet;
        try {
            quiet = QuietHours.parse(text(n, "quiet_hours", at, "22:00-08:00"), zone);
        } catch (RuntimeException e) {
            throw error(at + ".quiet_hours", "expected HH:mm-HH:mm, e.g. 22:00-08:00 (" + e.getMessage() + ")");
        }
        String template = text(n, "reminder_template", at, "");
        if (!template.isEmpty() && !template.contains("{order}")) {
            throw error(at + ".reminder_template", "must mention {order}");
        }
        return new StoreCampaign(storeId, channelId, channel.platform(), store.language(),
                bool(n, "reminders", at, true), bool(n, "follow_ups", at, true),
                Duration.ofMinutes(integer(n, "reminder_delay_minutes", at, 30, 1, 7 * 24 * 60)),
                text(n, "reminder_coupon", at, ""), template, quiet,
                Duration.ofHours(integer(n, "stall_hours", at, 48, 1, 30 * 24)),
                integer(n, "buyer_daily_limit", at, 3, 1, 100),
                integer(n, "channel_per_minute", at, 60, 1, 100_000));
    }

    private static String text(JsonNode n, String field, String at, String def) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return def;
        }
        if (!v.isValueNode() || v.isBoolean()) {
            throw error(at + "." + field, "must be a string");
        }
        return v.asText().trim();
    }

    private static boolean bool(JsonNode n, String field, String at, boolean def) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return def;
        }
        if (!v.isBoolean()) {
            throw error(at + "." + field, "must be true or false (got '" + v.asText() + "')");
        }
        return v.asBoolean();
    }

    private static int integer(JsonNode n, String field, String at, int def, int min, int max) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return def;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < min || v.asInt() > max) {
            throw error(at + "." + field, "must be an integer between " + min + " and " + max + " (got '" + v.asText() + "')");
        }
        return v.asInt();
    }

    private static ConfigException error(String key, String problem) {
        return new ConfigException("config", key, problem);
    }
}

package io.kefu.gateway.orderfeed;

import com.fasterxml.jackson.databind.JsonNode;
import io.kefu.gateway.orderfeed.pinduoduo.PinduoduoFeedSettings;
import io.kefu.handlers.campaign.CampaignSettings;
import io.kefu.handlers.config.AllowedKeys;
import java.time.Duration;
import java.util.List;

/**
 * The feed part of the {@code campaigns:} section: {@code taobao:} (TMC connections),
 * {@code pinduoduo:} (push connections, parsed by {@link PinduoduoFeedSettings}) and
 * {@code poll_interval_ms}. Errors name the key ({@code campaigns.taobao[0].app_secret}).
 */
record OrderFeedSettings(List<TaobaoFeedSettings> taobao, List<PinduoduoFeedSettings> pinduoduo, Duration pollInterval) {
    static final AllowedKeys SECTION_KEYS = AllowedKeys.of("stores", "taobao", "pinduoduo", "poll_interval_ms");
    static final AllowedKeys TAOBAO_KEYS = AllowedKeys.of("store", "app_key", "app_secret", "group", "url", "pull_interval_ms", "heartbeat_ms");
    static final long MAX_MILLIS = 3_600_000;

    static OrderFeedSettings parse(JsonNode section, CampaignSettings campaigns) {
        FeedSettingsMapping top = FeedSettingsMapping.read(section, "campaigns", SECTION_KEYS);
        List<TaobaoFeedSettings> taobao = FeedSettingsMapping.list(section.get("taobao"), "campaigns.taobao", "TMC connections", TAOBAO_KEYS,
                n -> new TaobaoFeedSettings(n.store(campaigns), n.url(TaobaoFeedSettings.DEFAULT_URL), n.required("app_key"), n.required("app_secret"),
                        n.text("group", "default"), Duration.ofMillis(n.millis("pull_interval_ms", 15_000, MAX_MILLIS)),
                        Duration.ofMillis(n.millis("heartbeat_ms", 45_000, MAX_MILLIS))));
        return new OrderFeedSettings(taobao, PinduoduoFeedSettings.parseAll(section.get("pinduoduo"), campaigns),
                Duration.ofMillis(top.millis("poll_interval_ms", 1000, MAX_MILLIS)));
    }
}

package io.kefu.gateway.orderfeed.pinduoduo;

import com.fasterxml.jackson.databind.JsonNode;
import io.kefu.gateway.orderfeed.FeedSettingsMapping;
import io.kefu.handlers.campaign.CampaignSettings;
import io.kefu.handlers.config.AllowedKeys;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * One Pinduoduo push connection ({@code campaigns.pinduoduo[i]}): the store its events belong to,
 * the app's {@code client_id}/{@code client_secret}, optionally the one {@code mall_id} whose
 * events are this store's (an app authorised by several malls receives them all on one link).
 */
public record PinduoduoFeedSettings(String storeId, URI url, String clientId, String clientSecret, String mallId, Duration heartbeat) {
    public static final URI DEFAULT_URL = URI.create("wss://message-api.pinduoduo.com");
    static final AllowedKeys KEYS = AllowedKeys.of("store", "client_id", "client_secret", "mall_id", "url", "heartbeat_ms");

    /** Parses the {@code campaigns.pinduoduo} list (absent = none); errors name the key, e.g. {@code campaigns.pinduoduo[0].client_secret}. */
    public static List<PinduoduoFeedSettings> parseAll(JsonNode list, CampaignSettings campaigns) {
        return FeedSettingsMapping.list(list, "campaigns.pinduoduo", "push connections", KEYS,
                n -> new PinduoduoFeedSettings(n.store(campaigns), n.url(DEFAULT_URL), n.required("client_id"), n.required("client_secret"),
                        n.text("mall_id", ""), Duration.ofMillis(n.millis("heartbeat_ms", 5_000, 60_000)))); // §6: "about every 5 s"
    }
}

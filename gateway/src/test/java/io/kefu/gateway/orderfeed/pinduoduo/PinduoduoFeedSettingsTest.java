package io.kefu.gateway.orderfeed.pinduoduo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kefu.handlers.campaign.CampaignSettings;
import io.kefu.handlers.campaign.StoreCampaign;
import io.kefu.handlers.config.ConfigException;
import io.kefu.proto.v1.Platform;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PinduoduoFeedSettingsTest {
    static final CampaignSettings STORES = CampaignSettings.of(StoreCampaign.defaults("shop", "web", Platform.OPEN));

    static List<PinduoduoFeedSettings> parse(String json) throws Exception {
        return PinduoduoFeedSettings.parseAll(new ObjectMapper().readTree(json), STORES);
    }

    static String key(String json) {
        return assertThrows(ConfigException.class, () -> parse(json)).key();
    }

    @Test
    void parsesWithDefaults() throws Exception {
        PinduoduoFeedSettings s = parse("[{\"store\":\"shop\",\"client_id\":\"c\",\"client_secret\":\"x\"}]").get(0);
        assertEquals(PinduoduoFeedSettings.DEFAULT_URL, s.url());
        assertEquals(Duration.ofSeconds(5), s.heartbeat());
        assertEquals("", s.mallId());
    }

    @Test
    void errorsNameTheKey() {
        assertEquals("campaigns.pinduoduo[0].client_secret", key("[{\"store\":\"shop\",\"client_id\":\"c\"}]"));
        assertEquals("campaigns.pinduoduo[0].store", key("[{\"store\":\"nope\",\"client_id\":\"c\",\"client_secret\":\"x\"}]"));
        assertEquals("campaigns.pinduoduo[0].url", key("[{\"store\":\"shop\",\"client_id\":\"c\",\"client_secret\":\"x\",\"url\":\"http://a\"}]"));
        assertEquals("campaigns.pinduoduo[0].heartbeat_ms",
                key("[{\"store\":\"shop\",\"client_id\":\"c\",\"client_secret\":\"x\",\"heartbeat_ms\":1}]"));
        assertEquals("campaigns.pinduoduo[0].secret", key("[{\"store\":\"shop\",\"client_id\":\"c\",\"secret\":\"x\"}]"));
        assertEquals("campaigns.pinduoduo", key("{}"));
    }
}

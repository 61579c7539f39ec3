package io.kefu.gateway.orderfeed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kefu.handlers.campaign.CampaignSettings;
import io.kefu.handlers.campaign.StoreCampaign;
import io.kefu.handlers.config.ConfigException;
import io.kefu.proto.v1.Platform;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OrderFeedSettingsTest {
    static final CampaignSettings STORES = CampaignSettings.of(StoreCampaign.defaults("shop", "web", Platform.OPEN));
    static final String TMC = "{\"store\":\"shop\",\"app_key\":\"k\",\"app_secret\":\"s\"";

    static OrderFeedSettings parse(String json) throws Exception {
        return OrderFeedSettings.parse(new ObjectMapper().readTree(json), STORES);
    }

    static ConfigException error(String json) {
        return assertThrows(ConfigException.class, () -> parse(json));
    }

    @Test
    void readsBothFeedsWithDefaults() throws Exception {
        OrderFeedSettings s = parse("{\"stores\":{},\"taobao\":[" + TMC + "}],"
                + "\"pinduoduo\":[{\"store\":\"shop\",\"client_id\":\"c\",\"client_secret\":\"x\",\"heartbeat_ms\":60000}]}");
        assertEquals(new TaobaoFeedSettings("shop", TaobaoFeedSettings.DEFAULT_URL, "k", "s", "default", Duration.ofSeconds(15),
                Duration.ofSeconds(45)), s.taobao().get(0));
        assertEquals(Duration.ofMinutes(1), s.pinduoduo().get(0).heartbeat());
        assertEquals(Duration.ofSeconds(1), s.pollInterval());

        s = parse("{\"taobao\":[" + TMC + ",\"group\":\" g1 \",\"url\":\"ws://127.0.0.1:1/tmc\",\"pull_interval_ms\":50,"
                + "\"heartbeat_ms\":3600000}],\"poll_interval_ms\":200}");
        assertEquals(new TaobaoFeedSettings("shop", URI.create("ws://127.0.0.1:1/tmc"), "k", "s", "g1", Duration.ofMillis(50),
                Duration.ofHours(1)), s.taobao().get(0));
        assertEquals(Duration.ofMillis(200), s.pollInterval());
        assertEquals(0, s.pinduoduo().size());
    }

    @Test
    void errorsNameTheKeyAndSayWhatIsAllowed() {
        assertEquals("config: campaigns.tmc: unknown key (allowed here: pinduoduo, poll_interval_ms, stores, taobao)",
                error("{\"tmc\":[]}").getMessage());
        assertEquals("config: campaigns.taobao[0].secret: unknown key (allowed here: app_key, app_secret, group, heartbeat_ms, "
                + "pull_interval_ms, store, url)", error("{\"taobao\":[" + TMC + ",\"secret\":\"x\"}]}").getMessage());
        assertEquals("config: campaigns.taobao: must be a list of TMC connections", error("{\"taobao\":{}}").getMessage());
        assertEquals("config: campaigns.taobao[1]: must be a mapping", error("{\"taobao\":[" + TMC + "},\"shop\"]}").getMessage());
        assertEquals("config: campaigns.taobao[0].store: store 'nope' has no entry under campaigns.stores",
                error("{\"taobao\":[{\"store\":\"nope\",\"app_key\":\"k\",\"app_secret\":\"s\"}]}").getMessage());
        assertEquals("campaigns.taobao[0].url", error("{\"taobao\":[" + TMC + ",\"url\":\"https://mc.api.taobao.com\"}]}").key());
        assertEquals("config: campaigns.taobao[0].pull_interval_ms: must be an integer between 50 and 3600000 (got '49')",
                error("{\"taobao\":[" + TMC + ",\"pull_interval_ms\":49}]}").getMessage());
        assertEquals("campaigns.taobao[0].heartbeat_ms", error("{\"taobao\":[" + TMC + ",\"heartbeat_ms\":3600001}]}").key());
        assertEquals("campaigns.poll_interval_ms", error("{\"poll_interval_ms\":\"fast\"}").key());
        assertEquals("config: campaigns.pinduoduo[0].heartbeat_ms: must be an integer between 50 and 60000 (got '60001')",
                error("{\"pinduoduo\":[{\"store\":\"shop\",\"client_id\":\"c\",\"client_secret\":\"x\",\"heartbeat_ms\":60001}]}").getMessage());
    }

    @Test
    void theFirstBadEntryIsTheOneReported() {
        // Entry 0 lacks its secret, entry 1 has a typo: a reader that checked every entry's keys first would name entry 1.
        assertEquals("campaigns.taobao[0].app_secret",
                error("{\"taobao\":[{\"store\":\"shop\",\"app_key\":\"k\"}," + TMC + ",\"secrt\":\"x\"}]}").key());
    }
}

package io.kefu.gateway.connector.feishu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FeishuReconnectTest {
    @Test
    void clientConfigMergesOnlySensibleValues() throws Exception {
        FeishuClientConfig c = FeishuClientConfig.DEFAULT.merge(new ObjectMapper().readTree(
                "{\"ReconnectCount\":3,\"ReconnectInterval\":5,\"ReconnectNonce\":2,\"PingInterval\":0}"));
        assertEquals(new FeishuClientConfig(3, 5, 2, 120), c); // PingInterval 0 would spin: kept
        assertEquals(c, c.merge(new ObjectMapper().readTree("\"not an object\"")));
    }

    @Test
    void firstWaitIsInsideTheNonceThenEveryIntervalThenBackoff() {
        FeishuClientConfig c = new FeishuClientConfig(2, 5, 2, 120);
        for (int i = 0; i < 50; i++) {
            Duration first = FeishuLongConnection.reconnectDelay(c, 0);
            assertTrue(!first.isNegative() && first.toMillis() < 2000, first.toString());
        }
        assertEquals(Duration.ofSeconds(5), FeishuLongConnection.reconnectDelay(c, 1));
        assertEquals(Duration.ofSeconds(5), FeishuLongConnection.reconnectDelay(c, 2));
        Duration later = FeishuLongConnection.reconnectDelay(c, 3);
        assertTrue(later.toMillis() >= 2500 && later.toMillis() <= 10_000, later.toString());
        assertTrue(FeishuLongConnection.reconnectDelay(c, 40).compareTo(FeishuLongConnection.MAX_RECONNECT_WAIT) <= 0);
        assertEquals(Duration.ofSeconds(5), FeishuLongConnection.reconnectDelay(new FeishuClientConfig(-1, 5, 0, 1), 1000));
        assertEquals(Duration.ZERO, FeishuLongConnection.reconnectDelay(new FeishuClientConfig(-1, 5, 0, 1), 0));
    }
}

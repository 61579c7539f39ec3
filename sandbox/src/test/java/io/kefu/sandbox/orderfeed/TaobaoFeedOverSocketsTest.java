package io.kefu.sandbox.orderfeed;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kefu.gateway.connector.ConnectionState;
import io.kefu.gateway.connector.ConnectorMetrics;
import io.kefu.gateway.connector.ConnectorStartException;
import io.kefu.gateway.orderfeed.TaobaoFeedSettings;
import io.kefu.gateway.orderfeed.TaobaoTmcConnector;
import io.kefu.handlers.campaign.CampaignEngine;
import io.kefu.handlers.metrics.Metrics;
import io.kefu.sandbox.sim.taobao.TaobaoTmcSimulator;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Order events through the real TMC simulator over a real socket — duplicated, reordered, the link
 * dropped mid-stream, a malformed frame and a poison message thrown in — into the engine and out
 * as exactly the messages the orders' stories call for.
 */
class TaobaoFeedOverSocketsTest extends FeedOverSocketsTest {
    TaobaoTmcSimulator tmc;

    TaobaoFeedSettings settings(String secret) {
        return new TaobaoFeedSettings("s1", URI.create(tmc.url()), TaobaoTmcSimulator.APP_KEY, secret, "default",
                Duration.ofMillis(300), Duration.ofSeconds(1));
    }

    @Test
    void eventsArriveOnceAndTheRightMessagesGoOut() throws Exception {
        sim = tmc = new TaobaoTmcSimulator().start().duplicateRate(0.3).reorder(true).redeliverAfter(Duration.ofMillis(1500));
        CampaignEngine engine = engine();
        connector = new TaobaoTmcConnector(settings(TaobaoTmcSimulator.APP_SECRET), engine::ingest, new ConnectorMetrics(registry),
                timer, blocking, http, engineTime);
        connector.start();
        assertEquals(ConnectionState.CONNECTED, connector.state());

        Set<String> expected = new TreeSet<>();
        Set<Long> published = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            String o = "T" + i;
            String base = "\"tid\":\"" + o + "\",\"buyer_open_uid\":\"buyer" + i + "\"";
            published.add(tmc.publish("taobao_trade_TradeCreate", "{" + base + ",\"payment\":\"99.50\"}", T0));
            switch (i % 4) {
                case 0 -> expected.add("remind|" + o);
                case 1 -> published.add(tmc.publish("taobao_trade_TradeBuyerPay", "{" + base + "}", T0 + 5 * MIN));
                case 2 -> {
                    published.add(tmc.publish("taobao_trade_TradeBuyerPay", "{" + base + "}", T0 + 5 * MIN));
                    published.add(tmc.publish("taobao_trade_TradeSellerShip", "{" + base
                            + ",\"company_name\":\"SF\",\"out_sid\":\"SF" + i + "\"}", T0 + HOUR));
                    expected.add("shipped|" + o);
                    expected.add("stall|" + o);
                }
                default -> {
                    published.add(tmc.publish("taobao_trade_TradeBuyerPay", "{" + base + "}", T0 + 5 * MIN));
                    published.add(tmc.publish("taobao_trade_TradeSellerShip", "{" + base + ",\"company_name\":\"SF\"}", T0 + HOUR));
                    published.add(tmc.publish("taobao_trade_TradeSuccess", "{" + base + "}", T0 + 2 * HOUR));
                    expected.add("care|" + o);
                }
            }
            if (i == 20) {
                tmc.dropConnections(); // mid-stream: unconfirmed messages come again on the next connection
                tmc.sendRawWhenConnected(new byte[] {2, 2, 1, 0, (byte) 0xff});
            }
        }
        long poison = tmc.publish("taobao_item_ItemAdd", "{\"num_iid\":1}", T0);
        await().atMost(Duration.ofSeconds(60)).until(() -> tmc.pendingCount() == 0);
        assertEquals(published, new HashSet<>(tmc.acks().keySet()), "every real event confirmed");
        assertTrue(tmc.failed().containsKey(poison), "the poison message reported Failed");
        assertReconnectedAndMalformedCounted();
        assertSentThreeDaysLater(engine, expected);
    }

    @Test
    void wrongCredentialsStopTheFeedWithAClearError() {
        sim = tmc = new TaobaoTmcSimulator().start();
        connector = new TaobaoTmcConnector(settings("not-the-secret"), e -> true, new ConnectorMetrics(new Metrics()), timer, blocking,
                http, Clock.systemUTC());
        ConnectorStartException e = assertThrows(ConnectorStartException.class, connector::start);
        assertTrue(e.getMessage().contains("invalid sign"), e.getMessage());
        assertEquals(ConnectionState.FAILED, connector.state());
    }
}

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
import io.kefu.handlers.campaign.CampaignMetrics;
import io.kefu.handlers.campaign.CampaignSettings;
import io.kefu.handlers.campaign.ProactiveMessage;
import io.kefu.handlers.campaign.StoreCampaign;
import io.kefu.handlers.metrics.Metrics;
import io.kefu.handlers.testing.RedisExtension;
import io.kefu.proto.v1.Platform;
import io.kefu.sandbox.sim.taobao.TaobaoTmcSimulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Order events through the real TMC simulator over a real socket — duplicated, reordered, the link
 * dropped mid-stream, a malformed frame and a poison message thrown in — into the engine and out
 * as exactly the messages the orders' stories call for.
 */
class TaobaoFeedOverSocketsTest {
    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    static final long T0 = Instant.parse("2025-03-03T02:00:00Z").toEpochMilli(); // 10:00 in Shanghai
    static final long MIN = 60_000, HOUR = 60 * MIN;

    final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    final ExecutorService blocking = Executors.newFixedThreadPool(4);
    final HttpClient http = HttpClient.newHttpClient();
    TaobaoTmcSimulator sim;
    TaobaoTmcConnector connector;

    @AfterEach
    void stop() {
        if (connector != null) {
            connector.close();
        }
        if (sim != null) {
            sim.close();
        }
        timer.shutdownNow();
        blocking.shutdownNow();
    }

    TaobaoFeedSettings settings(String secret) {
        return new TaobaoFeedSettings("s1", URI.create(sim.url()), TaobaoTmcSimulator.APP_KEY, secret, "default",
                Duration.ofMillis(300), Duration.ofSeconds(1));
    }

    @Test
    void eventsArriveOnceAndTheRightMessagesGoOut() throws Exception {
        sim = new TaobaoTmcSimulator().start();
        sim.duplicateRate(0.3);
        sim.reorder(true);
        sim.redeliverAfter(Duration.ofMillis(1500));
        MutableTime clock = new MutableTime(T0);
        List<String> sent = new CopyOnWriteArrayList<>();
        StoreCampaign store = StoreCampaign.defaults("s1", "web", Platform.OPEN).withLimits(10, 10_000);
        CampaignEngine engine = new CampaignEngine(redis.client(), CampaignSettings.of(store), (ProactiveMessage m) -> {
            sent.add(m.id());
            return true;
        }, new CampaignMetrics(new Metrics()), clock);
        Metrics registry = new Metrics();
        connector = new TaobaoTmcConnector(settings(TaobaoTmcSimulator.APP_SECRET), engine::ingest, new ConnectorMetrics(registry),
                timer, blocking, http, clock);
        connector.start();
        assertEquals(ConnectionState.CONNECTED, connector.state());

        Set<String> expected = new TreeSet<>();
        Set<Long> published = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            String o = "T" + i;
            String base = "\"tid\":\"" + o + "\",\"buyer_open_uid\":\"buyer" + i + "\"";
            published.add(sim.publish("taobao_trade_TradeCreate", "{" + base + ",\"payment\":\"99.50\"}", T0));
            switch (i % 4) {
                case 0 -> expected.add("remind|" + o);
                case 1 -> published.add(sim.publish("taobao_trade_TradeBuyerPay", "{" + base + "}", T0 + 5 * MIN));
                case 2 -> {
                    published.add(sim.publish("taobao_trade_TradeBuyerPay", "{" + base + "}", T0 + 5 * MIN));
                    published.add(sim.publish("taobao_trade_TradeSellerShip", "{" + base
                            + ",\"company_name\":\"SF\",\"out_sid\":\"SF" + i + "\"}", T0 + HOUR));
                    expected.add("shipped|" + o);
                    expected.add("stall|" + o);
                }
                default -> {
                    published.add(sim.publish("taobao_trade_TradeBuyerPay", "{" + base + "}", T0 + 5 * MIN));
                    published.add(sim.publish("taobao_trade_TradeSellerShip", "{" + base + ",\"company_name\":\"SF\"}", T0 + HOUR));
                    published.add(sim.publish("taobao_trade_TradeSuccess", "{" + base + "}", T0 + 2 * HOUR));
                    expected.add("care|" + o);
                }
            }
            if (i == 20) {
                sim.dropConnections(); // mid-stream: unconfirmed messages come again on the next connection
                sim.sendRawWhenConnected(new byte[] {2, 2, 1, 0, (byte) 0xff});
            }
        }
        long poison = sim.publish("taobao_item_ItemAdd", "{\"num_iid\":1}", T0);
        await().atMost(Duration.ofSeconds(60)).until(() -> sim.unconfirmedCount() == 0);
        assertEquals(published, new HashSet<>(sim.confirms().keySet()), "every real event confirmed");
        assertTrue(sim.failed().containsKey(poison), "the poison message reported Failed");
        assertTrue(registry.render().contains("kefu_connector_reconnects_total"));
        await().atMost(Duration.ofSeconds(30)).until(() -> registry.render().contains("reason=\"malformed\"} 1"));
        assertEquals(ConnectionState.CONNECTED, connector.state(), "a malformed frame is a drop, not a dead link");

        clock.set(T0 + 3 * 24 * HOUR); // 10:00 three days later: reminders due, stalls stalled
        engine.runDue();
        engine.runDue();
        assertEquals(expected, new TreeSet<>(sent));
        assertEquals(sent.size(), new HashSet<>(sent).size());
    }

    @Test
    void wrongCredentialsStopTheFeedWithAClearError() {
        sim = new TaobaoTmcSimulator().start();
        connector = new TaobaoTmcConnector(settings("not-the-secret"), e -> true, new ConnectorMetrics(new Metrics()), timer, blocking,
                http, Clock.systemUTC());
        ConnectorStartException e = assertThrows(ConnectorStartException.class, connector::start);
        assertTrue(e.getMessage().contains("invalid sign"), e.getMessage());
        assertEquals(ConnectionState.FAILED, connector.state());
    }

    /** A settable clock (the connector stamps CONNECT with it; the engine schedules with it). */
    static final class MutableTime extends Clock {
        private volatile long now;

        MutableTime(long now) {
            this.now = now;
        }

        void set(long t) {
            now = t;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(now);
        }
    }
}

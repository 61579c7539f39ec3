package io.kefu.sandbox.orderfeed;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kefu.gateway.connector.ConnectionState;
import io.kefu.gateway.connector.ConnectorMetrics;
import io.kefu.gateway.connector.ConnectorStartException;
import io.kefu.gateway.orderfeed.OrderSink;
import io.kefu.gateway.orderfeed.pinduoduo.PinduoduoFeedSettings;
import io.kefu.gateway.orderfeed.pinduoduo.PinduoduoPushConnector;
import io.kefu.handlers.campaign.CampaignEngine;
import io.kefu.handlers.campaign.CampaignMetrics;
import io.kefu.handlers.campaign.CampaignSettings;
import io.kefu.handlers.campaign.ProactiveMessage;
import io.kefu.handlers.campaign.StoreCampaign;
import io.kefu.handlers.metrics.Metrics;
import io.kefu.handlers.testing.RedisExtension;
import io.kefu.proto.v1.Platform;
import io.kefu.sandbox.orderfeed.TaobaoFeedOverSocketsTest.MutableTime;
import io.kefu.sandbox.sim.pinduoduo.PinduoduoPushSimulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Order events through the real Pinduoduo push simulator over a real socket — duplicated,
 * reordered, the link dropped mid-stream, a malformed frame and a poison event thrown in — into
 * the engine and out as exactly the messages the orders' stories call for; every event acked
 * (after persisting) with its type and mallID echoed; bad credentials refused at the handshake.
 */
class PinduoduoFeedOverSocketsTest {
    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    static final long T0 = Instant.parse("2025-03-03T02:00:00Z").toEpochMilli(); // 10:00 in Shanghai
    static final long MIN = 60_000, HOUR = 60 * MIN;

    final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    final ExecutorService blocking = Executors.newFixedThreadPool(4);
    final HttpClient http = HttpClient.newHttpClient();
    PinduoduoPushSimulator sim;
    PinduoduoPushConnector connector;

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

    PinduoduoFeedSettings settings(String clientId, String secret) {
        return new PinduoduoFeedSettings("s1", URI.create(sim.url()), clientId, secret, String.valueOf(PinduoduoPushSimulator.MALL_ID),
                Duration.ofSeconds(1));
    }

    @Test
    void eventsArriveOnceAndTheRightMessagesGoOut() throws Exception {
        sim = new PinduoduoPushSimulator().start();
        sim.duplicateRate(0.3);
        sim.reorder(true);
        sim.redeliverAfter(Duration.ofMillis(1500));
        MutableTime engineTime = new MutableTime(T0);
        List<String> sent = new CopyOnWriteArrayList<>();
        StoreCampaign store = StoreCampaign.defaults("s1", "web", Platform.OPEN).withLimits(10, 10_000);
        CampaignEngine engine = new CampaignEngine(redis.client(), CampaignSettings.of(store), (ProactiveMessage m) -> {
            sent.add(m.id());
            return true;
        }, new CampaignMetrics(new Metrics()), engineTime);
        Metrics registry = new Metrics();
        // Persisted ids, a storage hiccup on the first try of every fifth event (must not be acked,
        // then redelivered), and every Ack checked against what was persisted when it arrived.
        Set<String> persisted = ConcurrentHashMap.newKeySet();
        Set<String> hiccuped = ConcurrentHashMap.newKeySet();
        List<Long> ackedBeforePersist = new CopyOnWriteArrayList<>();
        sim.onAck(id -> {
            if (!persisted.contains("pdd-" + id)) {
                ackedBeforePersist.add(id);
            }
        });
        OrderSink sink = e -> {
            if (e.getEventId().hashCode() % 5 == 0 && hiccuped.add(e.getEventId())) {
                throw new IllegalStateException("storage hiccup");
            }
            boolean fresh = engine.ingest(e);
            persisted.add(e.getEventId());
            return fresh;
        };
        // The connector signs with the real clock: the platform refuses stale timestamps.
        connector = new PinduoduoPushConnector(settings(PinduoduoPushSimulator.CLIENT_ID, PinduoduoPushSimulator.CLIENT_SECRET),
                sink, new ConnectorMetrics(registry), timer, blocking, http, Clock.systemUTC());
        connector.start();
        assertEquals(ConnectionState.CONNECTED, connector.state());

        Set<String> expected = new TreeSet<>();
        Set<Long> published = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            String o = "P" + i;
            String base = "\"tid\":\"" + o + "\",\"buyer_id\":\"buyer" + i + "\"";
            published.add(sim.publish("pdd_trade_TradeConfirmed", "{" + base + ",\"pay_amount\":\"99.50\"}", T0));
            switch (i % 4) {
                case 0 -> { } // paid, nothing more yet: nothing to say
                case 1 -> {
                    published.add(sim.publish("pdd_trade_TradeSellerShip", "{" + base
                            + ",\"shipping_name\":\"SF\",\"tracking_number\":\"SF" + i + "\"}", T0 + HOUR));
                    expected.add("shipped|" + o);
                    expected.add("stall|" + o);
                }
                case 2 -> {
                    published.add(sim.publish("pdd_trade_TradeSellerShip", "{" + base + ",\"shipping_name\":\"SF\"}", T0 + HOUR));
                    published.add(sim.publish("pdd_trade_TradeSuccess", "{" + base + "}", T0 + 2 * HOUR));
                    expected.add("care|" + o);
                }
                default -> {
                    long refund = sim.publish("pdd_refund_RefundCreated", "{" + base + ",\"desc\":\"size\"}", T0 + HOUR);
                    published.add(refund);
                    expected.add("refund|" + o + "|requested|pdd-" + refund);
                }
            }
            if (i == 20) {
                sim.dropConnections(); // mid-stream: unacknowledged events come again on the next connection
                sim.sendRawWhenConnected("{\"commandType\":\"Common\",\"message\":"); // truncated JSON
            }
        }
        long poison = sim.publish("pdd_trade_TradeMemoModified", "{\"tid\":\"P1\"}", T0);
        published.add(poison);
        await().atMost(Duration.ofSeconds(60)).until(() -> sim.unackedCount() == 0);
        assertEquals(published, new HashSet<>(sim.acks().keySet()), "every event acked, the poison one too (so it stops coming)");
        assertEquals(List.of(), sim.badAcks());
        assertTrue(!hiccuped.isEmpty(), "some events failed to persist at first");
        assertEquals(List.of(), ackedBeforePersist.stream().filter(id -> id != poison).toList(), "acked before persisted");
        assertTrue(sim.heartbeats() > 0, "JSON heartbeats sent");
        assertTrue(registry.render().contains("kefu_connector_reconnects_total"));
        await().atMost(Duration.ofSeconds(30)).until(() -> registry.render().contains("reason=\"malformed\"} 1"));
        assertTrue(registry.render().contains("reason=\"poison\"}"), "the poison event counted");
        assertEquals(ConnectionState.CONNECTED, connector.state(), "a malformed frame is a drop, not a dead link");

        engineTime.set(T0 + 3 * 24 * HOUR); // 10:00 three days later: stalls stalled
        engine.runDue();
        engine.runDue();
        assertEquals(expected, new TreeSet<>(sent));
        assertEquals(sent.size(), new HashSet<>(sent).size());
    }

    @Test
    void aWrongSecretIsRefusedAtTheHandshakeWithAClearError() {
        sim = new PinduoduoPushSimulator().start();
        connector = new PinduoduoPushConnector(settings(PinduoduoPushSimulator.CLIENT_ID, "not-the-secret"), e -> true,
                new ConnectorMetrics(new Metrics()), timer, blocking, http, Clock.systemUTC());
        ConnectorStartException e = assertThrows(ConnectorStartException.class, connector::start);
        assertTrue(e.getMessage().contains("401") && e.getMessage().contains("client_secret"), e.getMessage());
        assertEquals(ConnectionState.FAILED, connector.state());
        assertEquals(List.of("invalid sign"), sim.refusals(), "refused once, not retried");
    }

    @Test
    void anUnknownClientIdIsRefusedToo() {
        sim = new PinduoduoPushSimulator().start();
        connector = new PinduoduoPushConnector(settings("someone-else", PinduoduoPushSimulator.CLIENT_SECRET), e -> true,
                new ConnectorMetrics(new Metrics()), timer, blocking, http, Clock.systemUTC());
        assertThrows(ConnectorStartException.class, connector::start);
        assertEquals(List.of("invalid client_id"), sim.refusals());
    }
}

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
import io.kefu.handlers.metrics.Metrics;
import io.kefu.sandbox.sim.pinduoduo.PinduoduoPushSimulator;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Order events through the real Pinduoduo push simulator over a real socket — duplicated,
 * reordered, the link dropped mid-stream, a malformed frame and a poison event thrown in — into
 * the engine and out as exactly the messages the orders' stories call for; every event acked
 * (after persisting) with its type and mallID echoed; bad credentials refused at the handshake.
 */
class PinduoduoFeedOverSocketsTest extends FeedOverSocketsTest {
    PinduoduoPushSimulator pdd;

    PinduoduoFeedSettings settings(String clientId, String secret) {
        return new PinduoduoFeedSettings("s1", URI.create(pdd.url()), clientId, secret, String.valueOf(PinduoduoPushSimulator.MALL_ID),
                Duration.ofSeconds(1));
    }

    PinduoduoPushConnector connector(String clientId, String secret, OrderSink sink, Metrics metrics) {
        // The connector signs with the real clock: the platform refuses stale timestamps.
        return new PinduoduoPushConnector(settings(clientId, secret), sink, new ConnectorMetrics(metrics), timer, blocking, http,
                Clock.systemUTC());
    }

    @Test
    void eventsArriveOnceAndTheRightMessagesGoOut() throws Exception {
        sim = pdd = new PinduoduoPushSimulator().start().duplicateRate(0.3).reorder(true).redeliverAfter(Duration.ofMillis(1500));
        CampaignEngine engine = engine();
        // Persisted ids, a storage hiccup on the first try of every fifth event (must not be acked,
        // then redelivered), and every Ack checked against what was persisted when it arrived.
        Set<String> persisted = ConcurrentHashMap.newKeySet();
        Set<String> hiccuped = ConcurrentHashMap.newKeySet();
        List<Long> ackedBeforePersist = new CopyOnWriteArrayList<>();
        pdd.onAck(id -> {
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
        connector = connector(PinduoduoPushSimulator.CLIENT_ID, PinduoduoPushSimulator.CLIENT_SECRET, sink, registry);
        connector.start();
        assertEquals(ConnectionState.CONNECTED, connector.state());

        Set<String> expected = new TreeSet<>();
        Set<Long> published = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            String o = "P" + i;
            String base = "\"tid\":\"" + o + "\",\"buyer_id\":\"buyer" + i + "\"";
            published.add(pdd.publish("pdd_trade_TradeConfirmed", "{" + base + ",\"pay_amount\":\"99.50\"}", T0));
            switch (i % 4) {
                case 0 -> { } // paid, nothing more yet: nothing to say
                case 1 -> {
                    published.add(pdd.publish("pdd_trade_TradeSellerShip", "{" + base
                            + ",\"shipping_name\":\"SF\",\"tracking_number\":\"SF" + i + "\"}", T0 + HOUR));
                    expected.add("shipped|" + o);
                    expected.add("stall|" + o);
                }
                case 2 -> {
                    published.add(pdd.publish("pdd_trade_TradeSellerShip", "{" + base + ",\"shipping_name\":\"SF\"}", T0 + HOUR));
                    published.add(pdd.publish("pdd_trade_TradeSuccess", "{" + base + "}", T0 + 2 * HOUR));
                    expected.add("care|" + o);
                }
                default -> {
                    long refund = pdd.publish("pdd_refund_RefundCreated", "{" + base + ",\"desc\":\"size\"}", T0 + HOUR);
                    published.add(refund);
                    expected.add("refund|" + o + "|requested|pdd-" + refund);
                }
            }
            if (i == 20) {
                pdd.dropConnections(); // mid-stream: unacknowledged events come again on the next connection
                pdd.sendRawWhenConnected("{\"commandType\":\"Common\",\"message\":"); // truncated JSON
            }
        }
        long poison = pdd.publish("pdd_trade_TradeMemoModified", "{\"tid\":\"P1\"}", T0);
        published.add(poison);
        await().atMost(Duration.ofSeconds(60)).until(() -> pdd.pendingCount() == 0);
        assertEquals(published, new HashSet<>(pdd.acks().keySet()), "every event acked, the poison one too (so it stops coming)");
        assertEquals(List.of(), pdd.badAcks());
        assertTrue(!hiccuped.isEmpty(), "some events failed to persist at first");
        assertEquals(List.of(), ackedBeforePersist.stream().filter(id -> id != poison).toList(), "acked before persisted");
        assertTrue(pdd.heartbeats() > 0, "JSON heartbeats sent");
        assertTrue(registry.render().contains("reason=\"poison\"}"), "the poison event counted");
        assertReconnectedAndMalformedCounted();
        assertSentThreeDaysLater(engine, expected);
    }

    @Test
    void aWrongSecretIsRefusedAtTheHandshakeWithAClearError() {
        sim = pdd = new PinduoduoPushSimulator().start();
        connector = connector(PinduoduoPushSimulator.CLIENT_ID, "not-the-secret", e -> true, new Metrics());
        ConnectorStartException e = assertThrows(ConnectorStartException.class, connector::start);
        assertTrue(e.getMessage().contains("401") && e.getMessage().contains("client_secret"), e.getMessage());
        assertEquals(ConnectionState.FAILED, connector.state());
        assertEquals(List.of("invalid sign"), pdd.refusals(), "refused once, not retried");
    }

    @Test
    void anUnknownClientIdIsRefusedToo() {
        sim = pdd = new PinduoduoPushSimulator().start();
        connector = connector("someone-else", PinduoduoPushSimulator.CLIENT_SECRET, e -> true, new Metrics());
        assertThrows(ConnectorStartException.class, connector::start);
        assertEquals(List.of("invalid client_id"), pdd.refusals());
    }
}

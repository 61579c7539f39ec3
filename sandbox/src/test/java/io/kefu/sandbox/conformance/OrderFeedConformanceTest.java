package io.kefu.sandbox.conformance;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kefu.gateway.KefuNode;
import io.kefu.gateway.orderfeed.OrderFeedExtension;
import io.kefu.handlers.campaign.CampaignEngine;
import io.kefu.handlers.config.ConfigLoader;
import io.kefu.handlers.config.KefuConfig;
import io.kefu.handlers.testing.RedisExtension;
import io.kefu.handlers.testing.TestModels;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * The connectors' conformance suite for the order feeds (issue 8): the checks of
 * {@link ConnectorConformanceTest} that apply to a feed of order events instead of buyer chats,
 * one subclass per feed supplying an {@link OrderFeedDriver}. Real sockets to the simulator, a
 * real kefu node with the order-feed extension, a real Redis; every wait is an Awaitility
 * condition. "Processed" means folded into the order's state by the campaign engine, counted by
 * {@code kefu_order_events_total}; every acknowledgement the platform receives is checked, as it
 * arrives, against what Redis already holds.
 */
abstract class OrderFeedConformanceTest {
    static final Duration T = Duration.ofSeconds(30);
    static final String STORE = "feed-store";

    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    @TempDir
    Path dataDir;

    OrderFeedDriver platform;
    KefuNode node;
    OrderFeedExtension feeds;
    /** The order each published event belongs to (what the ack check looks up). */
    final Map<Long, String> orderOf = new ConcurrentHashMap<>();
    final List<Long> ackedBeforePersisted = new CopyOnWriteArrayList<>();

    abstract OrderFeedDriver newDriver();

    @BeforeEach
    void startPlatformAndNode() {
        platform = newDriver();
        platform.start();
        platform.onAck(id -> {
            String order = orderOf.get(id);
            if (order != null && engine().orders().view(STORE, order).isEmpty()) {
                ackedBeforePersisted.add(id);
            }
        });
        feeds = new OrderFeedExtension();
        node = startNode(platform.feedYaml(STORE, false), feeds);
        await().atMost(T).until(platform::connected);
    }

    KefuNode startNode(String feedYaml, OrderFeedExtension extension) {
        String yaml = """
                stores:
                  - id: %s
                    language: zh
                    channels:
                      - {id: web, platform: open, token: feed-web-token-1}
                campaigns:
                  poll_interval_ms: 200
                  stores:
                    %s: {chat_channel: web}
                """.formatted(STORE, STORE) + feedYaml;
        KefuConfig config = ConfigLoader.parse("order-feed-conformance", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
        return KefuNode.start(KefuNode.Options.of(config).port(0).host("127.0.0.1").redisUrl(redis.url()).dataDir(dataDir)
                .classifier(TestModels.fast()).discoverExtensions(false).extension(extension));
    }

    @AfterEach
    void stop() throws Exception {
        try {
            assertEquals(List.of(), ackedBeforePersisted, "acknowledged before the event was in Redis");
        } finally {
            if (node != null) {
                node.close();
            }
            if (platform != null) {
                platform.close();
            }
        }
    }

    CampaignEngine engine() {
        return feeds.engine().orElseThrow();
    }

    long publish(String order) {
        long id = platform.publishOrder(order, "buyer-" + order);
        orderOf.put(id, order);
        return id;
    }

    void awaitAcked(long id) {
        await().atMost(T).until(() -> platform.acks(id) >= 1);
    }

    /** Events folded into order state (each distinct event once). */
    long processed() {
        return Metrics.sum(node, "kefu_order_events_total{store=\"" + STORE + "\"");
    }

    long redeliveriesRecognised() {
        return Metrics.sum(node, "kefu_order_events_duplicate_total{store=\"" + STORE + "\"}");
    }

    long connectorMetric(String name, String... labels) {
        return Metrics.value(node, name, platform.channel(STORE), labels);
    }

    @Test
    void anEventIsPersistedThenAcknowledged() {
        long id = publish("o-first");
        awaitAcked(id);
        assertTrue(engine().orders().view(STORE, "o-first").isPresent());
        assertEquals(1, processed());
        assertTrue(connectorMetric("kefu_connector_acks_total") >= 1);
        assertEquals(0, platform.pending());
    }

    @Test
    void sameEventTwiceIsProcessedOnce() {
        long id = publish("o-dup");
        awaitAcked(id);
        platform.redeliver(id);
        // Acknowledged again (or the platform would keep sending it), recognised, not processed again.
        await().atMost(T).until(() -> platform.acks(id) == 2);
        await().atMost(T).until(() -> redeliveriesRecognised() == 1);
        assertEquals(1, processed());
    }

    @Test
    void connectionDroppedThenNothingLostNothingDoubled() {
        long before = publish("o-before-drop");
        awaitAcked(before);
        platform.dropConnection();
        long after = publish("o-after-drop");
        await().atMost(T).until(platform::connected);
        awaitAcked(after);
        assertEquals(2, processed());
        assertTrue(connectorMetric("kefu_connector_reconnects_total") >= 1);
        assertEquals(0, platform.pending());
    }

    @Test
    void simulatorKilledAndRestartedThenNothingLostNothingDoubled() {
        long before = publish("o-before-kill");
        awaitAcked(before);
        platform.kill();
        await().atMost(T).until(() -> !platform.connected());
        long during = publish("o-while-down"); // queued by the platform until kefu is back
        platform.restart();
        await().atMost(T).until(platform::connected);
        awaitAcked(during);
        assertEquals(2, processed());
        assertEquals(0, platform.pending());
    }

    @Test
    void malformedFrameIsCountedAndSkippedAndTheConnectionStaysUp() {
        platform.sendMalformed();
        await().atMost(T).until(() -> connectorMetric("kefu_connector_dropped_total", "reason", "malformed") >= 1);
        assertTrue(platform.connected());
        long id = publish("o-after-junk");
        awaitAcked(id);
        assertEquals(1, processed());
        assertEquals(0, connectorMetric("kefu_connector_reconnects_total"));
    }

    @Test
    void anEventThatCouldNotBePersistedIsNotAcknowledgedAndComesAgain() {
        redis.stop(); // storage gone: persisting fails, so nothing may be acknowledged
        long id = publish("o-outage");
        try {
            await().atMost(T).until(() -> platform.deliveries(id) >= 2); // redelivered because unacknowledged
            assertEquals(0, platform.acks(id));
        } finally {
            redis.restart();
            dropStaleTestConnections();
        }
        awaitAcked(id);
        assertTrue(engine().orders().view(STORE, "o-outage").isPresent());
        assertEquals(1, processed());
    }

    /** The test's own pooled connections died with the server: each fails once and is discarded (the node heals by itself). */
    static void dropStaleTestConnections() {
        for (int i = 0; i < 32; i++) {
            try {
                redis.client().ping();
            } catch (JedisConnectionException stale) {
                // discarded by the pool
            }
        }
        assertEquals("PONG", redis.client().ping());
    }

    @Test
    void aPoisonEventIsSettledAndCountedNotRetriedForever() {
        long id = platform.publishPoison();
        await().atMost(T).until(() -> platform.poisonSettled(id));
        assertEquals(0, platform.pending());
        assertTrue(connectorMetric("kefu_connector_dropped_total", "reason", "poison") >= 1);
        assertEquals(0, processed());
        long next = publish("o-after-poison");
        awaitAcked(next);
        assertEquals(1, processed());
    }

    @Test
    void refusedCredentialsStopTheNodeWithAnErrorNamingTheFeed() {
        RuntimeException e = assertThrows(RuntimeException.class, () -> startNode(platform.feedYaml(STORE, true), new OrderFeedExtension()));
        String message = String.valueOf(e.getMessage());
        assertTrue(message.contains(platform.channel(STORE)) && message.contains(platform.refusalWords()), message);
        assertTrue(platform.connected(), "the running node's feed is unaffected");
    }
}

package io.kefu.sandbox.orderfeed;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kefu.gateway.connector.ConnectionState;
import io.kefu.gateway.orderfeed.FeedConnection;
import io.kefu.handlers.campaign.CampaignEngine;
import io.kefu.handlers.campaign.CampaignMetrics;
import io.kefu.handlers.campaign.CampaignSettings;
import io.kefu.handlers.campaign.MutableClock;
import io.kefu.handlers.campaign.ProactiveMessage;
import io.kefu.handlers.campaign.StoreCampaign;
import io.kefu.handlers.metrics.Metrics;
import io.kefu.handlers.testing.RedisExtension;
import io.kefu.proto.v1.Platform;
import io.kefu.sandbox.sim.OrderFeedSimulator;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One feed connector against its simulator over a real socket, into a campaign engine on a real
 * Redis whose clock the test sets; the messages the engine hands over are recorded by task id.
 * Subclasses: {@link TaobaoFeedOverSocketsTest}, {@link PinduoduoFeedOverSocketsTest}.
 */
abstract class FeedOverSocketsTest {
    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    static final long T0 = Instant.parse("2025-03-03T02:00:00Z").toEpochMilli(); // 10:00 in Shanghai
    static final long MIN = 60_000, HOUR = 60 * MIN;

    final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    final ExecutorService blocking = Executors.newFixedThreadPool(4);
    final HttpClient http = HttpClient.newHttpClient();
    /** The engine's clock (the connectors sign and stamp with their own). */
    final MutableClock engineTime = new MutableClock(Instant.ofEpochMilli(T0));
    /** Task ids of the messages the engine handed to the chat, in order. */
    final List<String> sent = new CopyOnWriteArrayList<>();
    /** The connector's metrics. */
    final Metrics registry = new Metrics();
    OrderFeedSimulator<?> sim;
    FeedConnection connector;

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

    /** Store {@code s1}, default rules, limits that never bite; messages recorded in {@link #sent}. */
    CampaignEngine engine() {
        StoreCampaign store = StoreCampaign.defaults("s1", "web", Platform.OPEN).withLimits(10, 10_000);
        return new CampaignEngine(redis.client(), CampaignSettings.of(store), (ProactiveMessage m) -> {
            sent.add(m.id());
            return true;
        }, new CampaignMetrics(new Metrics()), engineTime);
    }

    /** The fault counters a run with a dropped link and one malformed frame must show, the link up again. */
    void assertReconnectedAndMalformedCounted() {
        assertTrue(registry.render().contains("kefu_connector_reconnects_total"));
        await().atMost(Duration.ofSeconds(30)).until(() -> registry.render().contains("reason=\"malformed\"} 1"));
        assertEquals(ConnectionState.CONNECTED, connector.state(), "a malformed frame is a drop, not a dead link");
    }

    /** 10:00 three days later (reminders due, stalls stalled): exactly {@code expected} went out, each once. */
    void assertSentThreeDaysLater(CampaignEngine engine, Set<String> expected) {
        engineTime.set(Instant.ofEpochMilli(T0 + 3 * 24 * HOUR));
        engine.runDue();
        engine.runDue();
        assertEquals(expected, new TreeSet<>(sent));
        assertEquals(sent.size(), new HashSet<>(sent).size());
    }
}

package io.kefu.sandbox.conformance;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The one conformance suite every connector runs (issue 4): a subclass supplies a
 * {@link PlatformDriver} for its simulator; the tests below are the same for all platforms.
 * Real sockets to the simulator, a real kefu node, a real Redis; no sleeps — every wait is an
 * Awaitility condition, and deadlines are judged by the simulator, as the platform would.
 */
abstract class ConnectorConformanceTest extends PlatformNodeTest<PlatformDriver> {
    static final Duration LONG = Duration.ofSeconds(120);

    abstract PlatformDriver newDriver();

    @BeforeEach
    void startPlatformAndNode() {
        start(newDriver());
    }

    String channel() {
        return platform.channelId();
    }

    /** Waits for the buyer's reply count to reach {@code n}, then proves no extra one is on its way. */
    void awaitExactlyReplies(String buyer, int n) {
        await().atMost(T).until(() -> platform.repliesTo(buyer).size() >= n);
        // Barrier: a later message's reply comes after any straggler of this conversation (one lane, in order).
        platform.buyerSays(buyer, "在吗");
        await().atMost(T).until(() -> platform.repliesTo(buyer).size() >= n + 1);
        assertEquals(n + 1, platform.repliesTo(buyer).size(), () -> "replies to " + buyer + ": " + platform.repliesTo(buyer));
    }

    @Test
    void receivesAndReplies() {
        platform.buyerSays("buyer-a", "在吗");
        await().atMost(T).until(() -> platform.repliesTo("buyer-a").size() == 1);
        assertTrue(metric("kefu_connector_acks_total") >= 1);
        assertEquals(1, Metrics.sum(node, "kefu_messages_in_total{channel=\"" + channel() + "\"}"));
    }

    @Test
    void sameEventTwiceGetsOneReply() {
        String id = platform.buyerSays("buyer-dup", "在吗");
        platform.redeliver(id);
        await().atMost(T).until(() -> Metrics.sum(node, "kefu_messages_duplicate_total{channel=\"" + channel() + "\"}") == 1);
        awaitExactlyReplies("buyer-dup", 1);
    }

    @Test
    void connectionDroppedThenNothingLostNothingDoubled() {
        platform.buyerSays("buyer-drop", "在吗");
        await().atMost(T).until(() -> platform.repliesTo("buyer-drop").size() == 1);
        platform.dropConnection();
        platform.buyerSays("buyer-drop", "where is my parcel?");
        await().atMost(T).until(() -> platform.repliesTo("buyer-drop").size() >= 2);
        await().atMost(T).until(platform::connected);
        awaitExactlyReplies("buyer-drop", 2);
    }

    @Test
    void simulatorKilledAndRestartedThenNothingLostNothingDoubled() {
        platform.buyerSays("buyer-kill", "在吗");
        await().atMost(T).until(() -> platform.repliesTo("buyer-kill").size() == 1);
        platform.kill();
        await().atMost(T).until(() -> !platform.connected() || isWebhookOnly());
        // Written while the platform is down: queued by the platform (sockets) or received by kefu
        // with the reply (or the pull) failing until the platform is back (webhooks).
        platform.buyerSays("buyer-kill", "how long does shipping take?");
        platform.restart();
        await().atMost(T).until(platform::connected);
        await().atMost(T).until(() -> platform.repliesTo("buyer-kill").size() >= 2);
        awaitExactlyReplies("buyer-kill", 2);
    }

    /** Webhook-only drivers have no connection to lose; their "connected" is always true. */
    boolean isWebhookOnly() {
        return false;
    }

    @Test
    void fiveHundredEventsAtOnceAreAllAckedInsideTheDeadline() {
        List<String> buyers = platform.burst(500);
        await().atMost(LONG).until(() -> buyers.stream().allMatch(b -> !platform.repliesTo(b).isEmpty()));
        // Judged by the simulator's own clock, per delivery, as the platform judges it.
        assertEquals(500, platform.ackedWithinDeadline(), "burst deliveries acked within the platform's deadline");
        assertEquals(0, platform.redeliveriesForMissedAcks(), "the platform had to redeliver: an ack was missing or late");
        for (String b : buyers) {
            assertEquals(1, platform.repliesTo(b).size(), () -> "replies to " + b);
        }
    }

    @Test
    void badSignatureIsRejectedAndNothingStored() {
        int status = platform.sendWithBadSignature("buyer-forged", "在吗");
        assertTrue(status == 401 || status == 403, "status " + status);
        assertNothingStoredFor("buyer-forged");
    }

    @Test
    void staleTimestampIsRejectedAndNothingStored() {
        int status = platform.sendWithStaleTimestamp("buyer-replay", "在吗");
        assertTrue(status == 401 || status == 403, "status " + status);
        assertNothingStoredFor("buyer-replay");
    }

    void assertNothingStoredFor(String buyer) {
        Set<String> keys = redis.client().keys("*" + buyer + "*");
        assertEquals(Set.of(), keys);
        assertEquals(0, Metrics.sum(node, "kefu_messages_in_total{channel=\"" + channel() + "\"}"));
        assertTrue(metric("kefu_connector_dropped_total", "reason", "unauthenticated") >= 1);
    }

    @Test
    void malformedInputIsDroppedAndCountedAndTheConnectionStaysUp() {
        platform.sendMalformed();
        await().atMost(T).until(() -> metric("kefu_connector_dropped_total", "reason", platform.malformedReason()) >= 1);
        assertTrue(platform.connected());
        platform.buyerSays("buyer-after-junk", "在吗");
        await().atMost(T).until(() -> platform.repliesTo("buyer-after-junk").size() == 1);
        assertEquals(0, metric("kefu_connector_reconnects_total"));
    }

    @Test
    void replyAnsweredWithRateLimitIsSentLaterExactlyOnce() {
        platform.rateLimitNextReplies(1);
        platform.buyerSays("buyer-429", "在吗");
        await().atMost(T).until(() -> platform.repliesTo("buyer-429").size() == 1);
        assertEquals(1, platform.rateLimitedReplies());
        assertTrue(metric("kefu_connector_send_retries_total", "reason", "rate_limited") >= 1);
        awaitExactlyReplies("buyer-429", 1);
    }
}

package io.kefu.sandbox.conformance;

import io.kefu.gateway.KefuNode;
import java.util.List;

/**
 * What the conformance suite needs from one platform's simulator: make a buyer talk, redeliver,
 * break things, and report what kefu sent back and how fast it acked. One implementation per
 * connector (and per transport, e.g. Slack Socket Mode vs. Events API).
 */
interface PlatformDriver extends AutoCloseable {

    String channelId();

    /** The channel entry of kefu.yaml pointing at the simulator, indented to sit under {@code channels:}. */
    String channelYaml();

    void start();

    /** Called once kefu listens (webhook platforms learn its URL here). */
    default void nodeStarted(KefuNode node) {
    }

    /** A buyer writes {@code text}; returns the platform's message id (the dedup key). */
    String buyerSays(String buyer, String text);

    /** The platform delivers the same message again. */
    void redeliver(String messageId);

    /** Texts kefu sent to this buyer, in order. */
    List<String> repliesTo(String buyer);

    int totalReplies();

    /** The platform side drops its connections (sockets, or in-flight HTTP) without ceremony. */
    void dropConnection();

    /** The simulator process is killed; {@link #restart()} brings it back on the same port with its state. */
    void kill();

    void restart();

    /** {@code n} buyers write at the same moment; returns their buyer ids. */
    List<String> burst(int n);

    /** How many of the burst's messages kefu acked within the platform's deadline on first delivery, as the simulator measured. */
    long ackedWithinDeadline();

    /** Deliveries the platform had to repeat because an ack was missing or late. */
    long redeliveriesForMissedAcks();

    /** A correctly formed event with a wrong signature; returns the HTTP status kefu answered. */
    int sendWithBadSignature(String buyer, String text);

    /** A correctly signed event with a timestamp far in the past; returns the HTTP status. */
    int sendWithStaleTimestamp(String buyer, String text);

    /** A malformed frame or body on the live path. */
    void sendMalformed();

    /** The reason label kefu counts a malformed input under. */
    default String malformedReason() {
        return "malformed";
    }

    /** The platform answers the next {@code n} replies with its rate-limit response (429 or equivalent). */
    void rateLimitNextReplies(int n);

    int rateLimitedReplies();

    /** True while the platform sees a live connection from kefu (always true for webhook platforms). */
    boolean connected();
}

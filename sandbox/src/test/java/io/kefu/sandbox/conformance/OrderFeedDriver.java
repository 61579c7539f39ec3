package io.kefu.sandbox.conformance;

import io.kefu.sandbox.sim.OrderFeedSimulator;
import java.util.function.LongConsumer;

/**
 * What the order-feed conformance suite needs from one feed's simulator — the order-event
 * counterpart of {@link PlatformDriver}: the platform emits events, sends one again, breaks the
 * link, and reports what kefu acknowledged. The delivery side is common to both feeds
 * ({@link OrderFeedSimulator}); a subclass supplies the feed's config, event content and faults.
 */
abstract class OrderFeedDriver implements AutoCloseable {
    final OrderFeedSimulator<?> sim;

    OrderFeedDriver(OrderFeedSimulator<?> sim) {
        this.sim = sim;
    }

    /** The feed's entry beside {@code stores:} under {@code campaigns:} (indented by two), pointing at the simulator. */
    abstract String feedYaml(String store, boolean wrongSecret);

    /** The channel label kefu counts this feed under in the {@code kefu_connector_*} series. */
    abstract String channel(String store);

    /** A well-formed event of a new order; returns the platform's event id. */
    abstract long publishOrder(String orderId, String buyerId);

    /** An event kefu can never process (a type it does not handle). */
    abstract long publishPoison();

    /** Whether the platform will not send the poison event again (reported failed, or acknowledged). */
    abstract boolean poisonSettled(long id);

    /** A malformed frame on the live link. */
    abstract void sendMalformed();

    /** What kefu's start error must say when the platform refuses the credentials. */
    abstract String refusalWords();

    void start() {
        sim.redeliverAfter(java.time.Duration.ofMillis(500)).start();
    }

    void redeliver(long id) {
        sim.redeliver(id);
    }

    int acks(long id) {
        return sim.acks().getOrDefault(id, 0);
    }

    int deliveries(long id) {
        return sim.deliveries(id);
    }

    int pending() {
        return sim.pendingCount();
    }

    void onAck(LongConsumer observer) {
        sim.onAck(observer);
    }

    void dropConnection() {
        sim.dropConnections();
    }

    void kill() {
        sim.kill();
    }

    void restart() {
        sim.restart();
    }

    boolean connected() {
        return sim.connected();
    }

    @Override
    public void close() {
        sim.close();
    }
}

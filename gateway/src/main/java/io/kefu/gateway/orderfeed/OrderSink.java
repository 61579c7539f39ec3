package io.kefu.gateway.orderfeed;

import io.kefu.proto.v1.OrderEvent;

/**
 * Where a feed hands decoded events: durable when this returns (the campaign engine's ingest), so
 * the feed may then confirm to the platform. Returns false for a redelivery.
 * Throws {@code InvalidOrderEventException} for a poison event, anything else for "try again later".
 */
@FunctionalInterface
public interface OrderSink {
    boolean persist(OrderEvent event);
}

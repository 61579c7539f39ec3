package io.kefu.gateway.outbound;

import io.kefu.proto.v1.OutboundMessage;

/**
 * Hands committed replies of one platform to the buyer. Called after the outbox commit; a reply
 * leaves the outbox only when the delivery is confirmed, so this may be called again for the same
 * reply (receivers dedup on its id).
 */
@FunctionalInterface
public interface ReplyDelivery {
    void deliver(OutboundMessage reply);
}

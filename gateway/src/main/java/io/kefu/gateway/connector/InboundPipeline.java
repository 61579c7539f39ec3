package io.kefu.gateway.connector;

import io.kefu.gateway.GatewayMetrics;
import io.kefu.handlers.pipeline.ConversationDispatcher;
import io.kefu.handlers.redis.RedisUnavailableException;
import io.kefu.handlers.store.RedisInbox;
import io.kefu.proto.v1.InboundMessage;

/**
 * Steps 2 and 3 of a message's life for connectors: {@link #persist} (dedup + append, atomic),
 * then the connector acks the platform, then {@link #dispatch}. Kept as two calls on purpose: the
 * ack must sit between them, and only the connector knows how to ack.
 */
public final class InboundPipeline {
    private final RedisInbox inbox;
    private final ConversationDispatcher dispatcher;
    private final GatewayMetrics metrics;

    public InboundPipeline(RedisInbox inbox, ConversationDispatcher dispatcher, GatewayMetrics metrics) {
        this.inbox = inbox;
        this.dispatcher = dispatcher;
        this.metrics = metrics;
    }

    /**
     * Persists (or recognises a redelivery of) one buyer message. Returns true when it was a
     * duplicate. Throws {@link RedisUnavailableException} when Redis did not confirm: do not ack.
     */
    public boolean persist(InboundMessage message) {
        boolean duplicate = inbox.persist(message).duplicate();
        if (duplicate) {
            metrics.duplicates.labels(message.getChannelId()).inc();
        } else {
            metrics.messagesIn.labels(message.getChannelId()).inc();
        }
        return duplicate;
    }

    /** Call after the platform was acked; cheap and idempotent (a duplicate may call it too). */
    public void dispatch(String conversationId) {
        dispatcher.submit(conversationId);
    }
}

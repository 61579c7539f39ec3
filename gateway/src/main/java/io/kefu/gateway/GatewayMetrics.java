package io.kefu.gateway;

import io.kefu.handlers.metrics.Counter;
import io.kefu.handlers.metrics.Histogram;
import io.kefu.handlers.metrics.Metrics;

/** Every metric the gateway exports, named in one place (see README, "Metrics"). */
public final class GatewayMetrics {
    public final Metrics registry;
    public final Counter messagesIn;
    public final Counter duplicates;
    public final Counter messagesOut;
    public final Histogram pipelineLatency;
    public final Counter handoffs;
    public final Counter fallbacks;
    public final Counter errors;
    public final Counter droppedFrames;
    public final Counter handshakesRejected;
    public final Counter deadLetters;

    public GatewayMetrics(Metrics registry) {
        this.registry = registry;
        messagesIn = registry.counter("kefu_messages_in_total", "Buyer messages persisted, per channel", "channel");
        duplicates = registry.counter("kefu_messages_duplicate_total", "Redeliveries recognised by message id, per channel", "channel");
        messagesOut = registry.counter("kefu_messages_out_total", "Replies committed to the outbox, per channel and sender", "channel", "sender");
        pipelineLatency = registry.histogram("kefu_pipeline_latency_seconds",
                "From persisting a buyer message to its reply being committed", Metrics.LATENCY_BUCKETS, "channel");
        handoffs = registry.counter("kefu_handoffs_total", "Conversations handed to the human queue", "store", "reason");
        fallbacks = registry.counter("kefu_fallbacks_total", "Messages the bot did not understand", "store");
        errors = registry.counter("kefu_errors_total", "Errors by kind", "kind");
        droppedFrames = registry.counter("kefu_dropped_frames_total", "Inbound frames refused, per channel and reason", "channel", "reason");
        handshakesRejected = registry.counter("kefu_handshakes_rejected_total", "Open-channel handshakes refused", "reason");
        deadLetters = registry.counter("kefu_dead_letters_total", "Messages set aside after repeated failures");
    }
}

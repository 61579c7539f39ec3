package io.kefu.gateway.outbound;

import io.kefu.gateway.GatewayMetrics;
import io.kefu.handlers.bot.TurnResult;
import io.kefu.handlers.pipeline.ConversationDispatcher;
import io.kefu.handlers.store.HandoffQueue;
import io.kefu.handlers.store.MisunderstoodLog;
import io.kefu.handlers.store.RedisInbox;
import io.kefu.handlers.store.ReplyOutbox;
import io.kefu.proto.v1.InboundMessage;
import io.kefu.proto.v1.OutboundMessage;
import io.kefu.proto.v1.Platform;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens after a turn is committed: index its ticket in the store's queue, log a
 * misunderstood utterance, count, and hand the replies to the platform's delivery.
 */
public final class TurnEffects implements ConversationDispatcher.TurnListener {
    private static final Logger log = LoggerFactory.getLogger(TurnEffects.class);

    private final HandoffQueue queue;
    private final MisunderstoodLog misunderstood;
    private final RedisInbox inbox;
    private final ReplyOutbox outbox;
    private final Map<Platform, ReplyDelivery> deliveries;
    private final GatewayMetrics metrics;
    private final Clock clock;

    public TurnEffects(HandoffQueue queue, MisunderstoodLog misunderstood, RedisInbox inbox, ReplyOutbox outbox,
                       Map<Platform, ReplyDelivery> deliveries, GatewayMetrics metrics, Clock clock) {
        this.queue = queue;
        this.misunderstood = misunderstood;
        this.inbox = inbox;
        this.outbox = outbox;
        this.deliveries = deliveries; // live: extensions register theirs at start
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public void onTurn(TurnResult r) {
        InboundMessage in = r.inbound();
        r.ticket().ifPresent(t -> {
            queue.enqueue(t);
            metrics.handoffs.labels(t.getStoreId(), t.getReason()).inc();
        });
        if (r.fallback()) {
            metrics.fallbacks.labels(in.getStoreId()).inc();
            misunderstood.record(in, r.prediction(), r.modelId());
        }
        if (r.failed()) {
            metrics.errors.labels("turn_failed").inc();
        }
        metrics.pipelineLatency.labels(in.getChannelId()).observe(Math.max(0, clock.millis() - in.getReceivedAt()) / 1000.0);
        ReplyDelivery delivery = deliveries.get(in.getPlatform());
        for (OutboundMessage reply : r.replies()) {
            metrics.messagesOut.labels(reply.getChannelId(), reply.getSender().name()).inc();
            if (delivery == null) {
                log.warn("no delivery for platform {}; reply {} stays in the outbox", in.getPlatform(), reply.getId());
            } else {
                delivery.deliver(reply);
            }
        }
    }

    @Override
    public void onDeadLetter(String conversationId, String platformMsgId, Exception cause) {
        metrics.deadLetters.inc();
        log.error("message {} of {} set aside after repeated failures", platformMsgId, conversationId);
    }

    @Override
    public void onDrained(String conversationId) {
        inbox.retireIfIdle(conversationId, outbox.isEmpty(conversationId));
    }
}

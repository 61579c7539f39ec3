package io.kefu.gateway.outbound;

import io.kefu.gateway.GatewayMetrics;
import io.kefu.handlers.bot.TurnContext;
import io.kefu.handlers.bot.TurnResult;
import io.kefu.handlers.handoff.TicketIndex;
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
 * What happens after a turn is committed: log a misunderstood utterance, count, hand the replies
 * (the bot's and the agents') to the platform's delivery, then bring the handoff desk's indexes in
 * line with the turn's ticket and tell the consoles.
 */
public final class TurnEffects implements ConversationDispatcher.TurnListener {
    private static final Logger log = LoggerFactory.getLogger(TurnEffects.class);

    private final TicketIndex tickets;
    private final MisunderstoodLog misunderstood;
    private final RedisInbox inbox;
    private final ReplyOutbox outbox;
    private final Map<Platform, ReplyDelivery> deliveries;
    private final GatewayMetrics metrics;
    private final Clock clock;

    public TurnEffects(HandoffQueue queue, MisunderstoodLog misunderstood, RedisInbox inbox, ReplyOutbox outbox,
                       Map<Platform, ReplyDelivery> deliveries, GatewayMetrics metrics, Clock clock) {
        this.tickets = new TicketIndex(queue.redis());
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
            tickets.track(t, clock.millis());
            if (t.getId().equals(TurnContext.ticketIdFor(in))) { // opened by this turn (not an agent's change)
                metrics.handoffs.labels(t.getStoreId(), t.getReason()).inc();
            }
        });
        // Kefu's own events (agent commands, late ERP answers, campaign markers) carry no buyer
        // words: they are never "misunderstood" and never count as the bot's fallbacks.
        boolean buyerWords = !in.getText().isBlank() || in.getAttachmentsCount() > 0;
        if (r.fallback() && buyerWords) {
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
        // After delivery: the consoles learn about it, but the buyer's answer never waits for that.
        boolean agentReplied = r.replies().stream().anyMatch(x -> x.getSender() == OutboundMessage.Sender.AGENT);
        tickets.afterTurn(in, r.ticket(), r.routedToAgent(), agentReplied, clock.millis());
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

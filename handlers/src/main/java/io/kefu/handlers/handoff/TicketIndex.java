package io.kefu.handlers.handoff;

import io.kefu.handlers.store.HandoffQueue;
import io.kefu.handlers.store.RedisConversationStore;
import io.kefu.proto.v1.AgentEvent;
import io.kefu.proto.v1.HandoffTicket;
import io.kefu.proto.v1.HandoffTicket.Status;
import io.kefu.proto.v1.InboundMessage;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;

/**
 * Brings the store-level indexes (queues, who holds what, SLA and silence clocks) in line with a
 * ticket after its turn committed, and tells the consoles. Every step is idempotent and driven by
 * the ticket's state alone, so running it twice, or late, is harmless.
 */
public final class TicketIndex {
    private final HandoffQueue queue;
    private final AgentLoad load;
    private final HandoffClocks clocks;
    private final HandoffEvents events;
    private final RedisConversationStore conversations;

    public TicketIndex(UnifiedJedis redis) {
        this.queue = new HandoffQueue(redis);
        this.load = new AgentLoad(redis);
        this.clocks = new HandoffClocks(redis);
        this.events = new HandoffEvents(redis);
        this.conversations = new RedisConversationStore(redis);
    }

    /**
     * After a committed turn (and after {@link #track} of its ticket): clocks and console events.
     *
     * @param ticket        the ticket the turn wrote (opened, or changed by an agent command)
     * @param routedToAgent the buyer wrote to a conversation a person holds
     * @param agentReplied  the turn carried an agent's reply
     */
    public void afterTurn(InboundMessage in, Optional<HandoffTicket> ticket, boolean routedToAgent, boolean agentReplied, long now) {
        String store = in.getStoreId();
        String conv = in.getConversationId();
        if (routedToAgent) {
            clocks.buyerWaiting(store, conv, in.getReceivedAt() > 0 ? in.getReceivedAt() : now);
        }
        if (agentReplied) {
            clocks.agentAnswered(store, conv);
        }
        if (ticket.isPresent()) {
            events.publish(event(AgentEvent.Type.TICKET, in, now).setTicket(ticket.get()).build());
        } else if (routedToAgent || hasOpenTicket(conv)) {
            events.publish(event(AgentEvent.Type.MESSAGE, in, now).build());
        }
    }

    /** Indexes one ticket by its state (right after its turn, before the replies go out). */
    public void track(HandoffTicket t, long now) {
        String store = t.getStoreId();
        String conv = t.getConversationId();
        Status s = t.getStatus();
        if (AgentCommandTurn.closed(s)) {
            queue.remove(store, conv);
            load.release(store, conv);
            clocks.slaStopped(store, conv);
            clocks.agentAnswered(store, conv);
            return;
        }
        if (s == Status.WAITING) {
            load.release(store, conv);
            clocks.agentAnswered(store, conv);
            queue.enqueue(t);
        } else {
            queue.remove(store, conv);
            load.hold(store, conv, t.getAssignedAgent(), t.getAssignedAt() > 0 ? t.getAssignedAt() : now);
        }
        if (t.getFirstResponseAt() == 0 && t.getSlaDueAt() > 0 && !clocks.isBreached(store, t.getId())) {
            clocks.slaRunning(store, conv, t.getSlaDueAt());
        } else {
            clocks.slaStopped(store, conv);
        }
    }

    private boolean hasOpenTicket(String conv) {
        return conversations.ticket(conv).map(t -> !AgentCommandTurn.closed(t.getStatus())).orElse(false);
    }

    private static AgentEvent.Builder event(AgentEvent.Type type, InboundMessage in, long now) {
        return AgentEvent.newBuilder().setType(type).setStoreId(in.getStoreId()).setConversationId(in.getConversationId()).setAt(now);
    }
}

package io.kefu.handlers.handoff;

import io.kefu.handlers.bot.EscalationPolicy;
import io.kefu.handlers.store.RedisConversationStore;
import io.kefu.proto.v1.AgentEvent;
import io.kefu.proto.v1.HandoffTicket;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;

/**
 * The desk's clockwork, run every second or so on any number of nodes (every step is idempotent
 * or guarded by the claim lock): agents whose browser vanished lose their conversations to the
 * queue after the grace period; tickets past their first-response target raise a breach; a buyer
 * left unanswered too long goes back to the queue or to the bot (per store); and waiting tickets
 * are assigned to available agents.
 */
public final class HandoffSweeper {
    private static final Logger log = LoggerFactory.getLogger(HandoffSweeper.class);
    static final int MAX_ASSIGNMENTS_PER_TICK = 50;
    /** A waiting buyer silent this long (and never answered by anyone) has left: the ticket is abandoned. */
    public static final java.time.Duration ABANDON_AFTER = java.time.Duration.ofMinutes(30);

    private final HandoffDesk desk;
    private final EscalationPolicy policy;
    private final HandoffClocks clocks;
    private final HandoffEvents events;
    private final RedisConversationStore conversations;
    private final Supplier<List<String>> stores;
    private final Runnable onBreach;
    private final Clock clock;

    public HandoffSweeper(UnifiedJedis redis, HandoffDesk desk, EscalationPolicy policy, Supplier<List<String>> stores,
                          Runnable onBreach, Clock clock) {
        this.desk = desk;
        this.policy = policy;
        this.clocks = new HandoffClocks(redis);
        this.events = new HandoffEvents(redis);
        this.conversations = new RedisConversationStore(redis);
        this.stores = stores;
        this.onBreach = onBreach;
        this.clock = clock;
    }

    public void tick() {
        long now = clock.millis();
        for (String store : stores.get()) {
            try {
                HandoffRules rules = policy.rules(store);
                presenceLost(store, rules, now);
                slaBreaches(store, now);
                agentSilence(store, rules, now);
                abandoned(store, now);
                if (rules.autoAssign()) {
                    autoAssign(store);
                }
            } catch (RuntimeException e) {
                log.warn("handoff sweep of store {} failed: {}", store, e.toString());
            }
        }
    }

    private void presenceLost(String store, HandoffRules rules, long now) {
        for (String agent : desk.roster().silentSince(store, now - rules.presenceGrace().toMillis())) {
            desk.roster().offline(store, agent);
            for (String conv : desk.load().held(store, agent)) {
                DeskResult r = desk.requeue(store, conv, agent, "presence_lost");
                log.info("agent {} of {} gone: {} re-queued ({})", agent, store, conv, r.message());
            }
            events.publish(AgentEvent.newBuilder().setType(AgentEvent.Type.AGENTS).setStoreId(store).setAgentId(agent).setAt(now).build());
        }
    }

    private void slaBreaches(String store, long now) {
        for (String conv : clocks.slaOverdue(store, now)) {
            HandoffTicket t = conversations.ticket(conv).orElse(null);
            if (t == null || t.getFirstResponseAt() > 0 || AgentCommandTurn.closed(t.getStatus())) {
                clocks.slaStopped(store, conv);
                continue;
            }
            if (clocks.breached(store, conv, t.getId(), now)) {
                onBreach.run();
                log.warn("SLA breach in {}: ticket {} of {} waited past its first-response target", store, t.getId(), conv);
                events.publish(AgentEvent.newBuilder().setType(AgentEvent.Type.SLA_BREACH).setStoreId(store)
                        .setConversationId(conv).setTicket(t).setAt(now).build());
            }
        }
    }

    private void agentSilence(String store, HandoffRules rules, long now) {
        for (String conv : clocks.silentSince(store, now - rules.agentSilentLimit().toMillis())) {
            clocks.agentAnswered(store, conv);
            HandoffTicket t = conversations.ticket(conv).orElse(null);
            if (t == null || t.getAssignedAgent().isEmpty() || AgentCommandTurn.closed(t.getStatus())) {
                continue;
            }
            DeskResult r = HandoffRules.BACK_TO_BOT.equals(rules.agentSilentAction())
                    ? desk.handBack(store, AgentCommandTurn.SYSTEM_PREFIX + "agent_silent", conv)
                    : desk.requeue(store, conv, t.getAssignedAgent(), "agent_silent");
            log.info("agent {} left {} unanswered: {} ({})", t.getAssignedAgent(), conv, rules.agentSilentAction(), r.message());
        }
    }

    private void abandoned(String store, long now) {
        long limit = now - ABANDON_AFTER.toMillis();
        for (String group : desk.queue().groups(store)) {
            for (String conv : desk.queue().waiting(store, group)) {
                HandoffTicket t = conversations.ticket(conv).orElse(null);
                if (t == null || t.getStatus() != HandoffTicket.Status.WAITING || !t.getAssignedAgent().isEmpty()
                        || t.getCreatedAt() > limit) {
                    continue;
                }
                long lastBuyer = t.getCreatedAt();
                for (var turn : conversations.load(conv).state().getHistoryList()) {
                    if (turn.getRole().equals("buyer")) {
                        lastBuyer = Math.max(lastBuyer, turn.getAt());
                    }
                }
                if (lastBuyer <= limit) {
                    DeskResult r = desk.abandon(store, conv, "buyer_left");
                    log.info("ticket {} of {} abandoned: the buyer was silent {} min while waiting ({})",
                            t.getId(), conv, ABANDON_AFTER.toMinutes(), r.message());
                }
            }
        }
    }

    private void autoAssign(String store) {
        int assigned = 0;
        for (String group : desk.queue().groups(store)) {
            for (String conv : desk.queue().waiting(store, group)) {
                List<AgentRoster.Agent> free = desk.roster().available(store, group);
                if (free.isEmpty() || assigned >= MAX_ASSIGNMENTS_PER_TICK) {
                    break;
                }
                for (AgentRoster.Agent a : free) {
                    DeskResult r = desk.assign(store, conv, a.id(), a.capacity());
                    if (r.accepted()) {
                        assigned++;
                        break;
                    }
                    if (desk.load().owner(store, conv).isPresent()) {
                        break; // someone holds it already (the assignment is on its way)
                    }
                }
            }
        }
    }
}

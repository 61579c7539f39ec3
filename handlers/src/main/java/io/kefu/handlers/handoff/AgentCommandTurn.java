package io.kefu.handlers.handoff;

import io.kefu.handlers.bot.Middleware;
import io.kefu.handlers.bot.TurnContext;
import io.kefu.handlers.store.RedisConversationStore;
import io.kefu.handlers.store.TurnCommit;
import io.kefu.proto.v1.AgentCommand;
import io.kefu.proto.v1.ConversationMode;
import io.kefu.proto.v1.DialogueState;
import io.kefu.proto.v1.HandoffTicket;
import io.kefu.proto.v1.HandoffTicket.Status;
import io.kefu.proto.v1.OutboundMessage;
import io.kefu.proto.v1.Turn;
import io.kefu.proto.v1.TurnRecord;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Applies an agent command that reached the head of a conversation's inbox, instead of running
 * the bot: moves the ticket through waiting → assigned → active → resolved / returned_to_bot,
 * switches who owns the conversation, and queues the agent's reply in the outbox. Commits on its
 * own (the bot's commit would file the command as a buyer message). A command that no longer fits
 * (the ticket was closed or moved on meanwhile) changes nothing but is still recorded, and the
 * current ticket is returned so the store's indexes are brought back in line with it.
 */
public final class AgentCommandTurn implements Middleware {
    static final int HISTORY_LIMIT = 20;
    /** Actors that may act on a conversation they do not hold. */
    public static final String SUPERVISOR_PREFIX = "supervisor:";
    public static final String SYSTEM_PREFIX = "system:";

    private final RedisConversationStore store;
    private final AgentCommands commands;
    private final Clock clock;

    public AgentCommandTurn(RedisConversationStore store, AgentCommands commands, Clock clock) {
        this.store = store;
        this.commands = commands;
        this.clock = clock;
    }

    @Override
    public void handle(TurnContext ctx, Next next) throws Exception {
        Optional<AgentCommand> command = commands.of(ctx.inbound());
        if (command.isPresent()) {
            apply(ctx, command.get());
        } else if (AgentCommands.isMarker(ctx.inbound()) && ctx.inbound().getAttachmentsCount() == 0) {
            commit(ctx, "", "unknown command (expired)"); // nothing a buyer could have sent: drop it
        } else {
            next.run();
        }
    }

    private void apply(TurnContext ctx, AgentCommand c) {
        DialogueState.Builder s = ctx.state();
        Optional<HandoffTicket> stored = store.ticket(ctx.inbound().getConversationId());
        HandoffTicket open = stored.filter(t -> t.getId().equals(s.getOpenTicketId()) && !closed(t.getStatus())).orElse(null);
        String refusal = open == null ? "no open ticket" : refusal(c, open);
        String action = c.getKind().name().toLowerCase(Locale.ROOT);
        if (refusal != null) {
            stored.ifPresent(ctx::ticket);
            commit(ctx, c.getAgentId(), action + " ignored: " + refusal);
            return;
        }
        long now = clock.millis();
        HandoffTicket.Builder t = open.toBuilder().setUpdatedAt(now);
        switch (c.getKind()) {
            case ASSIGN -> {
                t.setStatus(Status.ASSIGNED).setAssignedAgent(c.getTargetAgent()).setAssignedAt(now);
                s.setAssignedAgent(c.getTargetAgent());
            }
            case TAKE_OVER -> takeOver(t, s, c.getAgentId(), now);
            case REPLY -> {
                takeOver(t, s, c.getAgentId(), now);
                if (t.getFirstResponseAt() == 0) {
                    t.setFirstResponseAt(now);
                }
                ctx.reply(OutboundMessage.Sender.AGENT, c.getText(), List.of());
                OutboundMessage r = ctx.replies().get(ctx.replies().size() - 1);
                s.addHistory(Turn.newBuilder().setRole("agent").setText(r.getText()).setAt(r.getCreatedAt()).setMsgId(r.getId()));
            }
            case TRANSFER -> {
                if (!c.getTargetAgent().isEmpty()) {
                    t.setStatus(Status.ASSIGNED).setAssignedAgent(c.getTargetAgent()).setAssignedAt(now);
                    s.setAssignedAgent(c.getTargetAgent());
                } else {
                    t.setStatus(Status.WAITING).setSkillGroup(c.getTargetGroup()).clearAssignedAgent().clearAssignedAt();
                    s.clearAssignedAgent();
                }
                t.setNote(c.getNote());
                s.setMode(ConversationMode.WAITING_FOR_AGENT);
            }
            case REQUEUE -> {
                t.setStatus(Status.WAITING).clearAssignedAgent().clearAssignedAt().setRequeues(open.getRequeues() + 1)
                        .setNote(c.getNote());
                s.setMode(ConversationMode.WAITING_FOR_AGENT).clearAssignedAgent();
            }
            case RESOLVE, HAND_BACK -> {
                t.setStatus(c.getKind() == AgentCommand.Kind.RESOLVE ? Status.RESOLVED : Status.RETURNED_TO_BOT)
                        .setClosedAt(now).setClosedBy(c.getAgentId()).setNote(c.getNote());
                // The bot takes over again from where its flow stood: flow, step and slots are untouched.
                s.setMode(ConversationMode.BOT).clearOpenTicketId().clearAssignedAgent()
                        .setConsecutiveFallbacks(0).setTotalFallbacks(0);
                if (c.getKind() == AgentCommand.Kind.HAND_BACK) {
                    ctx.reply(OutboundMessage.Sender.BOT, DeskMessages.backToBot(ctx.language()), List.of());
                }
            }
            case ABANDON -> {
                t.setStatus(Status.ABANDONED).setClosedAt(now).setClosedBy(c.getAgentId()).setNote(c.getNote());
                // Nobody is waiting any more: the bot answers whatever the buyer says next.
                s.setMode(ConversationMode.BOT).clearOpenTicketId().clearAssignedAgent()
                        .setConsecutiveFallbacks(0).setTotalFallbacks(0);
            }
            default -> throw new IllegalArgumentException("unknown agent command kind " + c.getKind());
        }
        ctx.ticket(t.build());
        commit(ctx, c.getAgentId(), action);
    }

    private static void takeOver(HandoffTicket.Builder t, DialogueState.Builder s, String agent, long now) {
        if (!agent.equals(t.getAssignedAgent())) {
            t.setAssignedAt(now);
        }
        t.setStatus(Status.ACTIVE).setAssignedAgent(agent);
        s.setMode(ConversationMode.AGENT).setAssignedAgent(agent);
    }

    /** Why this command does not fit the ticket as it is now, or null when it does. */
    static String refusal(AgentCommand c, HandoffTicket t) {
        String actor = c.getAgentId();
        boolean holder = actor.equals(t.getAssignedAgent());
        boolean privileged = actor.startsWith(SUPERVISOR_PREFIX) || actor.startsWith(SYSTEM_PREFIX);
        return switch (c.getKind()) {
            case ASSIGN -> t.getStatus() == Status.WAITING ? null : "not waiting any more";
            case TAKE_OVER -> t.getStatus() == Status.WAITING || holder ? null : "held by " + t.getAssignedAgent();
            case REPLY -> holder ? null : "not held by " + actor;
            case TRANSFER -> holder || privileged || t.getStatus() == Status.WAITING ? null : "held by " + t.getAssignedAgent();
            case RESOLVE, HAND_BACK -> holder || privileged ? null : "held by " + t.getAssignedAgent();
            case ABANDON -> t.getStatus() == Status.WAITING && t.getAssignedAgent().isEmpty() ? null : "not waiting any more";
            case REQUEUE -> t.getStatus() == Status.WAITING ? "already waiting"
                    : c.getTargetAgent().isEmpty() || c.getTargetAgent().equals(t.getAssignedAgent()) ? null
                    : "moved on to " + t.getAssignedAgent();
            default -> "unknown command";
        };
    }

    public static boolean closed(Status s) {
        return s == Status.RESOLVED || s == Status.RETURNED_TO_BOT || s == Status.ABANDONED;
    }

    private void commit(TurnContext ctx, String agentId, String action) {
        DialogueState.Builder s = ctx.state();
        while (s.getHistoryCount() > HISTORY_LIMIT) {
            s.removeHistory(0);
        }
        long now = clock.millis();
        TurnRecord.Builder record = TurnRecord.newBuilder()
                .setInbound(ctx.inbound())
                .addAllReplies(ctx.replies())
                .setProcessedAt(now)
                .setAgentId(agentId)
                .setAgentAction(action);
        ctx.ticket().ifPresent(t -> record.setHandoffTicketId(t.getId()));
        store.commit(new TurnCommit(ctx.inbound().getConversationId(), ctx.loadedVersion(),
                s.setVersion(ctx.loadedVersion() + 1).setUpdatedAt(now).build(), ctx.inbound().toByteArray(),
                ctx.replies(), record.build(), ctx.ticket()));
    }
}

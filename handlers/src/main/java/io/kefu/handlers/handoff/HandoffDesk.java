package io.kefu.handlers.handoff;

import io.kefu.handlers.store.HandoffQueue;
import io.kefu.handlers.store.RedisConversationStore;
import io.kefu.proto.v1.AgentCommand;
import io.kefu.proto.v1.AgentCommand.Kind;
import io.kefu.proto.v1.DialogueState;
import io.kefu.proto.v1.HandoffTicket;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import redis.clients.jedis.UnifiedJedis;

/**
 * What agents (through the console) and the sweeper do with handed-off conversations: claim and
 * take over, reply, transfer, resolve, hand back, re-queue. Each action is checked against the
 * ticket as it is now (a conversation of another store is "not found"), the claim goes through the
 * {@link AgentLoad#reserve} lock, and the change itself is an {@link AgentCommand} in the
 * conversation's inbox — applied by {@link AgentCommandTurn} in order with the buyer's messages.
 */
public final class HandoffDesk {
    public static final int MAX_REPLY_CHARS = 2000;

    private final RedisConversationStore conversations;
    private final AgentCommands commands;
    private final AgentLoad load;
    private final AgentRoster roster;
    private final HandoffQueue queue;
    private final Consumer<String> wake;
    private final Clock clock;

    /** @param wake makes the conversation's dispatcher drain its inbox (the command is in it) */
    public HandoffDesk(UnifiedJedis redis, Consumer<String> wake, Clock clock) {
        this.conversations = new RedisConversationStore(redis);
        this.commands = new AgentCommands(redis, clock);
        this.load = new AgentLoad(redis);
        this.roster = new AgentRoster(redis);
        this.queue = new HandoffQueue(redis);
        this.wake = wake;
        this.clock = clock;
    }

    public AgentRoster roster() {
        return roster;
    }

    public AgentLoad load() {
        return load;
    }

    public HandoffQueue queue() {
        return queue;
    }

    /** A conversation's current ticket, only if it belongs to {@code storeId}. */
    public Optional<HandoffTicket> ticket(String storeId, String conv) {
        return conversations.ticket(conv).filter(t -> t.getStoreId().equals(storeId));
    }

    /** Waiting tickets of a store, first to serve first. */
    public List<HandoffTicket> waiting(String storeId) {
        return tickets(storeId, queue.waiting(storeId));
    }

    /** What an agent holds, oldest first. */
    public List<HandoffTicket> held(String storeId, String agent) {
        return tickets(storeId, load.held(storeId, agent));
    }

    private List<HandoffTicket> tickets(String storeId, List<String> convs) {
        List<HandoffTicket> out = new ArrayList<>();
        for (String c : convs) {
            ticket(storeId, c).ifPresent(out::add);
        }
        return out;
    }

    /** Take over with the capacity the agent's profile in Redis says. */
    public DeskResult takeOver(String storeId, String agent, String conv) {
        return takeOver(storeId, agent, roster.agent(storeId, agent).capacity(), conv);
    }

    public DeskResult takeOver(String storeId, String agent, int capacity, String conv) {
        Optional<HandoffTicket> t = openTicket(storeId, conv);
        if (t.isEmpty()) {
            return DeskResult.notFound("no open ticket for this conversation");
        }
        switch (load.reserve(storeId, conv, agent, capacity, clock.millis())) {
            case TAKEN -> {
                return DeskResult.conflict("another agent already has this conversation");
            }
            case AT_CAPACITY -> {
                return DeskResult.conflict("you are at your capacity of " + capacity + " conversations");
            }
            default -> {
                return submit(storeId, conv, command(Kind.TAKE_OVER, agent));
            }
        }
    }

    public DeskResult reply(String storeId, String agent, String conv, String text) {
        if (text == null || text.isBlank()) {
            return DeskResult.invalid("text must not be empty");
        }
        if (text.length() > MAX_REPLY_CHARS) {
            return DeskResult.invalid("text longer than " + MAX_REPLY_CHARS + " characters");
        }
        return act(storeId, conv, command(Kind.REPLY, agent).setText(text));
    }

    public DeskResult transferToAgent(String storeId, String actor, String conv, String target, String note) {
        Optional<HandoffTicket> t = openTicket(storeId, conv);
        if (t.isEmpty()) {
            return DeskResult.notFound("no open ticket for this conversation");
        }
        AgentRoster.Agent to = roster.agent(storeId, target);
        if (to.capacity() == 0) {
            return DeskResult.invalid("no agent '" + target + "' in this store");
        }
        if (to.load() >= to.capacity()) {
            return DeskResult.conflict(target + " is at capacity");
        }
        return act(storeId, conv, command(Kind.TRANSFER, actor).setTargetAgent(target).setNote(note == null ? "" : note));
    }

    public DeskResult transferToGroup(String storeId, String actor, String conv, String group, String note) {
        if (group == null || !group.matches("[A-Za-z0-9_.-]{1,64}")) {
            return DeskResult.invalid("group must be 1-64 letters, digits, _ . -");
        }
        return act(storeId, conv, command(Kind.TRANSFER, actor).setTargetGroup(group).setNote(note == null ? "" : note));
    }

    public DeskResult resolve(String storeId, String actor, String conv) {
        return act(storeId, conv, command(Kind.RESOLVE, actor));
    }

    public DeskResult handBack(String storeId, String actor, String conv) {
        return act(storeId, conv, command(Kind.HAND_BACK, actor));
    }

    /** Closes a ticket nobody took whose buyer stopped waiting (status ABANDONED); the bot resumes. */
    public DeskResult abandon(String storeId, String conv, String why) {
        return act(storeId, conv, command(Kind.ABANDON, AgentCommandTurn.SYSTEM_PREFIX + why).setNote(why));
    }

    /** Sends a conversation back to the queue, but only if {@code fromAgent} still holds it. */
    public DeskResult requeue(String storeId, String conv, String fromAgent, String why) {
        return act(storeId, conv, command(Kind.REQUEUE, AgentCommandTurn.SYSTEM_PREFIX + why).setTargetAgent(fromAgent).setNote(why));
    }

    /** Auto-assignment: reserves for {@code agent}, then assigns. */
    public DeskResult assign(String storeId, String conv, String agent, int capacity) {
        if (load.reserve(storeId, conv, agent, capacity, clock.millis()) != AgentLoad.Reservation.RESERVED) {
            return DeskResult.conflict("not assignable to " + agent);
        }
        roster.assignedNow(storeId, agent, clock.millis());
        return submit(storeId, conv, command(Kind.ASSIGN, AgentCommandTurn.SYSTEM_PREFIX + "auto").setTargetAgent(agent));
    }

    /** Checks the command against the ticket as it is now, then submits it. */
    private DeskResult act(String storeId, String conv, AgentCommand.Builder c) {
        Optional<HandoffTicket> t = openTicket(storeId, conv);
        if (t.isEmpty()) {
            return DeskResult.notFound("no open ticket for this conversation");
        }
        String refusal = AgentCommandTurn.refusal(c.build(), t.get());
        if (refusal != null) {
            return DeskResult.conflict(refusal);
        }
        return submit(storeId, conv, c);
    }

    private DeskResult submit(String storeId, String conv, AgentCommand.Builder c) {
        DialogueState s = conversations.load(conv).state();
        if (!s.getStoreId().equals(storeId)) {
            return DeskResult.notFound("no such conversation");
        }
        AgentCommand command = c.build();
        commands.submit(s, command);
        wake.accept(conv);
        return DeskResult.accepted(command.getId());
    }

    private Optional<HandoffTicket> openTicket(String storeId, String conv) {
        return ticket(storeId, conv).filter(t -> !AgentCommandTurn.closed(t.getStatus()));
    }

    private AgentCommand.Builder command(Kind kind, String actor) {
        return AgentCommand.newBuilder().setId(UUID.randomUUID().toString()).setKind(kind).setAgentId(actor).setAt(clock.millis());
    }
}

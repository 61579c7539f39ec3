package io.kefu.handlers.handoff;

import io.kefu.handlers.bot.BotApp;
import io.kefu.handlers.bot.EscalationPolicy;
import io.kefu.handlers.bot.ReplyTemplates;
import io.kefu.handlers.bot.TurnResult;
import io.kefu.handlers.fixtures.Fixtures;
import io.kefu.handlers.store.RedisConversationStore;
import io.kefu.handlers.store.RedisInbox;
import io.kefu.handlers.store.ReplyOutbox;
import io.kefu.handlers.testing.FixedClassifier;
import io.kefu.proto.v1.DialogueState;
import io.kefu.proto.v1.HandoffTicket;
import io.kefu.proto.v1.OutboundMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.UnifiedJedis;

/**
 * The handoff desk wired the way a node wires it, with the dispatcher replaced by a synchronous
 * drain: commands and buyer messages run through the real BotApp on real Redis, and every
 * committed turn goes through the same {@link TicketIndex} steps as the gateway's TurnEffects.
 */
final class Desk {
    static final Map<String, String> INTENTS = Map.of(
            "转人工", "human_agent", "你好", "greeting", "我的快递到哪了", "logistics_tracking",
            "东西坏了", "quality_complaint", "我要投诉", "complaint", "在吗", "greeting");

    final UnifiedJedis redis;
    final MutableClock clock;
    final RedisInbox inbox;
    final RedisConversationStore store;
    final ReplyOutbox outbox;
    final EscalationPolicy policy = new EscalationPolicy(2);
    final BotApp app;
    final TicketIndex index;
    final HandoffDesk desk;
    final HandoffSweeper sweeper;
    final List<TurnResult> results = new ArrayList<>();
    int breaches;

    Desk(UnifiedJedis redis, MutableClock clock) {
        this.redis = redis;
        this.clock = clock;
        this.inbox = new RedisInbox(redis, clock);
        this.store = new RedisConversationStore(redis);
        this.outbox = new ReplyOutbox(redis);
        this.app = new BotApp(store, () -> new FixedClassifier(INTENTS), ReplyTemplates.defaults(), policy, clock);
        this.index = new TicketIndex(redis);
        this.desk = new HandoffDesk(redis, this::drain, clock);
        this.sweeper = new HandoffSweeper(redis, desk, policy, () -> List.of(Fixtures.STORE), () -> breaches++, clock);
    }

    /** What the dispatcher + TurnEffects do for one conversation. */
    void drain(String conv) {
        try {
            for (var head = inbox.head(conv); head.isPresent(); head = inbox.head(conv)) {
                TurnResult r = app.run(head.get().message());
                results.add(r);
                r.ticket().ifPresent(t -> index.track(t, clock.millis()));
                boolean agentReplied = r.replies().stream().anyMatch(x -> x.getSender() == OutboundMessage.Sender.AGENT);
                index.afterTurn(r.inbound(), r.ticket(), r.routedToAgent(), agentReplied, clock.millis());
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A buyer message, persisted and processed; returns its turn. */
    TurnResult say(String conv, String msgId, String text) {
        Fixtures.persist(inbox, Fixtures.msg(conv, msgId, text));
        int before = results.size();
        drain(conv);
        return results.get(before);
    }

    HandoffTicket ticket(String conv) {
        return store.ticket(conv).orElseThrow();
    }

    DialogueState state(String conv) {
        return store.load(conv).state();
    }

    void agent(String id, int capacity, String... groups) {
        desk.roster().register(Fixtures.STORE, id, id, capacity, groups.length == 0 ? java.util.Set.of("*") : java.util.Set.of(groups));
        desk.roster().heartbeat(Fixtures.STORE, id, AgentRoster.ONLINE, clock.millis());
    }

    List<OutboundMessage> pending(String conv) {
        return outbox.pending(conv);
    }
}

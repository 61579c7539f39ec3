package io.kefu.handlers.bot;

import static io.kefu.handlers.fixtures.Fixtures.msg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kefu.handlers.fixtures.Fixtures;
import io.kefu.handlers.store.RedisConversationStore;
import io.kefu.handlers.store.RedisInbox;
import io.kefu.handlers.store.ReplyOutbox;
import io.kefu.handlers.store.TurnCommit;
import io.kefu.handlers.testing.FixedClassifier;
import io.kefu.handlers.testing.RedisExtension;
import io.kefu.proto.v1.ConversationMode;
import io.kefu.proto.v1.DialogueState;
import io.kefu.proto.v1.InboundMessage;
import io.kefu.proto.v1.TurnRecord;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** While a person owns the conversation the bot stays silent, but the message is kept for the agent. */
class AgentOwnershipTest {
    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    private final RedisInbox inbox = new RedisInbox(redis.client(), Clock.systemUTC());
    private final RedisConversationStore store = new RedisConversationStore(redis.client());

    /** An agent claimed the conversation (what the console does): a committed turn leaves mode AGENT. */
    private void agentTakesOver(String conv) {
        InboundMessage m = Fixtures.persist(inbox, msg(conv, "claim", "转人工"));
        store.commit(new TurnCommit(conv, 0,
                DialogueState.newBuilder().setConversationId(conv).setStoreId("demo").setMode(ConversationMode.AGENT)
                        .setAssignedAgent("agent-7").setVersion(1).build(),
                m.toByteArray(), List.of(), TurnRecord.newBuilder().setInbound(m).build(), Optional.empty()));
    }

    @Test
    void botIsSilentButTheMessageIsRecordedAndConsumed() throws Exception {
        agentTakesOver("c1");
        AtomicInteger handlerCalls = new AtomicInteger();
        AtomicInteger middlewareCalls = new AtomicInteger();
        BotApp app = Fixtures.app(redis.client(), new FixedClassifier(Map.of("你好", "greeting")))
                .intent("greeting", ctx -> handlerCalls.incrementAndGet())
                .use((ctx, next) -> {
                    middlewareCalls.incrementAndGet();
                    next.run();
                });

        TurnResult r = Fixtures.turn(app, inbox, "c1", "m1", "你好");

        assertTrue(r.routedToAgent());
        assertEquals(List.of(), r.replies());
        assertTrue(r.ticket().isEmpty());
        assertEquals(0, handlerCalls.get());
        assertEquals(0, middlewareCalls.get(), "the app's own middleware runs after the ownership check");
        assertTrue(new ReplyOutbox(redis.client()).isEmpty("c1"));
        assertEquals(0, inbox.depth("c1"), "consumed: the buyer's message does not block the conversation");
        assertEquals(2, store.load("c1").version());
        DialogueState s = store.load("c1").state();
        assertEquals(ConversationMode.AGENT, s.getMode(), "the agent keeps the conversation");
        assertEquals("agent-7", s.getAssignedAgent());
        assertEquals("你好", s.getHistory(s.getHistoryCount() - 1).getText(), "the agent sees it in the history");
        assertEquals("m1", store.transcript("c1").get(1).getInbound().getPlatformMsgId());
    }

    @Test
    void evenARequestForAPersonOrAFallbackChangesNothing() throws Exception {
        agentTakesOver("c1");
        BotApp app = Fixtures.app(redis.client(), new FixedClassifier(Map.of("转人工", "human_agent")), 1);
        assertTrue(Fixtures.turn(app, inbox, "c1", "m1", "转人工").ticket().isEmpty());
        assertTrue(Fixtures.turn(app, inbox, "c1", "m2", "???").replies().isEmpty());
        assertEquals(0, store.load("c1").state().getConsecutiveFallbacks());
        assertTrue(store.ticket("c1").isEmpty());
    }
}

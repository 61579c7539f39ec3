package io.kefu.handlers.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kefu.handlers.fixtures.Fixtures;
import io.kefu.handlers.store.RedisConversationStore;
import io.kefu.handlers.store.RedisInbox;
import io.kefu.handlers.testing.FixedClassifier;
import io.kefu.handlers.testing.RedisExtension;
import io.kefu.proto.v1.ConversationMode;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A handler that fails half-way leaves none of its effects: the buyer gets "_busy" and nothing else changed. */
class FailedTurnRollbackTest {
    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    @Test
    void aHandlerThatThrowsAfterAHandoffLeavesNoTicketModeOrSlots() throws Exception {
        RedisInbox inbox = new RedisInbox(redis.client(), Clock.systemUTC());
        RedisConversationStore store = new RedisConversationStore(redis.client());
        BotApp app = Fixtures.app(redis.client(), new FixedClassifier(Map.of("退款", "return_refund")))
                .intent("return_refund", ctx -> {
                    ctx.state().putSlots("order_id", "half-written");
                    ctx.handoff("vip", 3);
                    throw new IllegalStateException("ERP timeout after handoff");
                });
        TurnResult r = Fixtures.turn(app, inbox, "c1", "m1", "退款");
        assertTrue(r.failed());
        assertTrue(r.ticket().isEmpty(), "the buyer was told '_busy', not that a person is coming");
        assertEquals(1, r.replies().size());
        assertTrue(store.ticket("c1").isEmpty());
        assertEquals(ConversationMode.BOT, store.load("c1").state().getMode());
        assertFalse(store.load("c1").state().containsSlots("order_id"));
        assertEquals(1, store.load("c1").version(), "the turn itself is still committed: the message is consumed");
    }

    @Test
    void aTurnAMiddlewareHandledIsNotAFallbackEvenIfTheClassifierCouldNotPlaceIt() throws Exception {
        RedisInbox inbox = new RedisInbox(redis.client(), Clock.systemUTC());
        BotApp app = Fixtures.app(redis.client(), new FixedClassifier(Map.of()))
                .use((ctx, next) -> ctx.reply("收到订单号，正在为您查询～")); // e.g. a flow waiting for an order number
        TurnResult handled = Fixtures.turn(app, inbox, "c2", "m1", "3928471650293847561");
        assertTrue(handled.prediction().fallback(), "the classifier could not place it");
        assertFalse(handled.fallback(), "but the turn was understood by the flow");

        BotApp plain = Fixtures.app(redis.client(), new FixedClassifier(Map.of()));
        assertTrue(Fixtures.turn(plain, inbox, "c3", "m1", "asdfgh").fallback());
    }
}

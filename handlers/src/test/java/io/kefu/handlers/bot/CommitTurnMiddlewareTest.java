package io.kefu.handlers.bot;

import static io.kefu.handlers.fixtures.Fixtures.msg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kefu.handlers.fixtures.Fixtures;
import io.kefu.handlers.store.RedisConversationStore;
import io.kefu.handlers.store.RedisInbox;
import io.kefu.handlers.store.ReplyOutbox;
import io.kefu.handlers.testing.FixedClassifier;
import io.kefu.handlers.testing.RedisExtension;
import io.kefu.proto.v1.InboundMessage;
import io.kefu.proto.v1.OutboundMessage;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.exceptions.JedisConnectionException;

/** One broken handler never wedges a conversation; storage trouble never half-commits a turn. */
class CommitTurnMiddlewareTest {
    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    private static final FixedClassifier CLASSIFIER = new FixedClassifier(Map.of("查订单", "order_status", "你好", "greeting"));
    private final RedisInbox inbox = new RedisInbox(redis.client(), Clock.systemUTC());
    private final RedisConversationStore store = new RedisConversationStore(redis.client());
    private final ReplyOutbox outbox = new ReplyOutbox(redis.client());

    @Test
    void throwingHandlerGetsTheBusyReplyAndTheTurnIsCommitted() throws Exception {
        BotApp app = Fixtures.app(redis.client(), CLASSIFIER).intent("order_status", ctx -> {
            ctx.reply("half an answer");
            throw new IllegalStateException("ERP said no");
        });
        TurnResult r = Fixtures.turn(app, inbox, "c1", "m1", "查订单");

        assertTrue(r.failed());
        assertEquals(List.of(ReplyTemplates.defaults().pick("_busy", "zh", 0)), r.replies().stream().map(OutboundMessage::getText).toList());
        assertEquals(1, r.replies().get(0).getSeq(), "the discarded reply's seq is reused: no gap");
        assertEquals(r.replies(), outbox.pending("c1"), "the half answer never reaches the outbox");
        assertEquals(0, inbox.depth("c1"), "the message is consumed: the conversation is not stuck");
        assertEquals(1, store.load("c1").version());

        // the conversation goes on normally, seq continues without a gap
        TurnResult next = Fixtures.turn(app, inbox, "c1", "m2", "你好");
        assertFalse(next.failed());
        assertEquals(2, next.replies().get(0).getSeq());
    }

    @Test
    void customErrorHandlerSeesTheException() throws Exception {
        AtomicReference<Exception> seen = new AtomicReference<>();
        RuntimeException boom = new RuntimeException("boom");
        BotApp app = Fixtures.app(redis.client(), CLASSIFIER)
                .intent("order_status", ctx -> {
                    throw boom;
                })
                .onError((ctx, e) -> {
                    seen.set(e);
                    ctx.reply("稍后回复您");
                });
        TurnResult r = Fixtures.turn(app, inbox, "c1", "m1", "查订单");
        assertSame(boom, seen.get());
        assertEquals("稍后回复您", r.replies().get(0).getText());
    }

    @Test
    void throwingMiddlewareIsHandledTheSameWay() throws Exception {
        BotApp app = Fixtures.app(redis.client(), CLASSIFIER).use((ctx, next) -> {
            throw new java.io.IOException("plugin broke");
        });
        TurnResult r = Fixtures.turn(app, inbox, "c1", "m1", "你好");
        assertTrue(r.failed());
        assertEquals(1, store.load("c1").version());
    }

    @Test
    void failingErrorHandlerCommitsNothing() throws Exception {
        BotApp app = Fixtures.app(redis.client(), CLASSIFIER)
                .intent("order_status", ctx -> {
                    throw new IllegalStateException("first");
                })
                .onError((ctx, e) -> {
                    throw new IllegalStateException("second");
                });
        InboundMessage stored = Fixtures.persist(inbox, msg("c1", "m1", "查订单"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> app.run(stored));
        assertEquals("second", e.getMessage());
        assertEquals(0, store.load("c1").version());
        assertEquals(1, inbox.depth("c1"), "left for the dispatcher to retry / dead-letter");
        assertTrue(outbox.isEmpty("c1"));
    }

    @Test
    void redisErrorsInsideTheTurnPropagateAndCommitNothing() throws Exception {
        // e.g. a skill's own Redis look-up failing: it must not be answered with "_busy" and committed
        BotApp app = Fixtures.app(redis.client(), CLASSIFIER).use((ctx, next) -> {
            throw new JedisConnectionException("connection reset");
        });
        InboundMessage stored = Fixtures.persist(inbox, msg("c1", "m1", "你好"));
        assertInstanceOf(JedisConnectionException.class, assertThrows(Exception.class, () -> app.run(stored)));
        assertEquals(0, store.load("c1").version());
        assertEquals(1, inbox.depth("c1"));
        assertTrue(outbox.isEmpty("c1"));
        assertTrue(store.transcript("c1").isEmpty());
    }
}

package io.kefu.handlers.bot;

import static io.kefu.handlers.fixtures.Fixtures.msg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kefu.handlers.fixtures.Fixtures;
import io.kefu.handlers.redis.RedisKeys;
import io.kefu.handlers.store.ConcurrentTurnException;
import io.kefu.handlers.store.RedisConversationStore;
import io.kefu.handlers.store.RedisInbox;
import io.kefu.handlers.store.ReplyOutbox;
import io.kefu.handlers.testing.FixedClassifier;
import io.kefu.handlers.testing.RedisExtension;
import io.kefu.proto.v1.ConversationMode;
import io.kefu.proto.v1.DialogueState;
import io.kefu.proto.v1.InboundMessage;
import io.kefu.proto.v1.OutboundMessage;
import io.kefu.proto.v1.Turn;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The pipeline itself: middleware order, intent registration, what one run() commits. */
class BotAppTest {
    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    private static final FixedClassifier CLASSIFIER = new FixedClassifier(Map.of(
            "你好", "greeting",
            "hello", "greeting",
            "谢谢", "thanks",
            "查订单", "order_status",
            "有优惠吗", "price_promotion"));

    private final RedisInbox inbox = new RedisInbox(redis.client(), Clock.systemUTC());
    private final RedisConversationStore store = new RedisConversationStore(redis.client());

    private BotApp app() {
        return Fixtures.app(redis.client(), CLASSIFIER);
    }

    private TurnResult turn(BotApp app, String conv, String id, String text) throws Exception {
        return Fixtures.turn(app, inbox, conv, id, text);
    }

    @Test
    void oneTurnCommitsStateTranscriptAndReply() throws Exception {
        TurnResult r = turn(app(), "c1", "m1", "你好");

        assertEquals("greeting", r.prediction().intent());
        assertEquals("fixed-test-model", r.modelId());
        assertFalse(r.fallback());
        assertFalse(r.failed());
        assertFalse(r.routedToAgent());
        assertTrue(r.ticket().isEmpty());
        assertEquals(1, r.replies().size());
        OutboundMessage reply = r.replies().get(0);
        assertTrue(ReplyTemplates.defaults().has("greeting"));
        assertEquals(ReplyTemplates.defaults().pick("greeting", "zh", 0), reply.getText(), "first variant for seq 0");
        assertEquals("m1", reply.getInReplyTo());
        assertEquals(OutboundMessage.Sender.BOT, reply.getSender());
        assertEquals(1, reply.getSeq());
        assertEquals("c1", reply.getConversationId());
        assertEquals("buyer-c1", reply.getBuyerId());

        DialogueState s = store.load("c1").state();
        assertEquals(1, store.load("c1").version());
        assertEquals(1, s.getVersion());
        assertEquals(ConversationMode.BOT, s.getMode());
        assertEquals("demo", s.getStoreId());
        assertEquals("web", s.getChannelId());
        assertEquals("buyer-c1", s.getBuyerId());
        assertEquals("zh", s.getLanguage());
        assertEquals(1, s.getNextReplySeq());
        assertEquals(List.of("greeting"), s.getRecentIntentsList());
        assertEquals(List.of("buyer", "bot"), s.getHistoryList().stream().map(Turn::getRole).toList());
        assertEquals("你好", s.getHistory(0).getText());
        assertEquals(reply.getId(), s.getHistory(1).getMsgId());

        assertEquals(0, inbox.depth("c1"), "the message was consumed");
        assertEquals(List.of(reply), new ReplyOutbox(redis.client()).pending("c1"));
        assertEquals(1, store.transcript("c1").size());
        assertEquals(List.of(reply), store.transcript("c1").get(0).getRepliesList());
    }

    @Test
    void understoodIntentWithoutHandlerUsesItsTemplate() throws Exception {
        TurnResult r = turn(app(), "c1", "m1", "有优惠吗");
        assertEquals(ReplyTemplates.defaults().pick("price_promotion", "zh", 0), r.replies().get(0).getText());
    }

    @Test
    void registeredHandlerAnswersItsIntent() throws Exception {
        BotApp app = app().intent("order_status", ctx -> ctx.reply("订单已发货", "查物流", "转人工"));
        TurnResult r = turn(app, "c1", "m1", "查订单");
        assertEquals("订单已发货", r.replies().get(0).getText());
        assertEquals(List.of("查物流", "转人工"), r.replies().get(0).getQuickRepliesList());
        // other intents are untouched
        assertEquals(ReplyTemplates.defaults().pick("thanks", "zh", 1), turn(app, "c1", "m2", "谢谢").replies().get(0).getText());
    }

    @Test
    void replacingAHandlerWarnsAndTheNewOneWins() throws Exception {
        BotApp app = app().intent("greeting", ctx -> ctx.reply("old"));
        String log = captureStderr(() -> app.intent("greeting", ctx -> ctx.reply("new")));
        assertTrue(log.contains("handler for intent 'greeting' replaced"), log);
        assertEquals("new", turn(app, "c1", "m1", "你好").replies().get(0).getText());
        String quiet = captureStderr(() -> app.intent("thanks", ctx -> ctx.reply("ok")));
        assertFalse(quiet.contains("replaced"), "a first registration is not a replacement: " + quiet);
    }

    @Test
    void middlewareRunsInOrderAfterClassificationAndBeforeTheDecision() throws Exception {
        List<String> trace = new CopyOnWriteArrayList<>();
        BotApp app = app()
                .use((ctx, next) -> {
                    trace.add("first:prediction=" + ctx.prediction().intent() + ",replies=" + ctx.replies().size());
                    next.run();
                    trace.add("first:after,replies=" + ctx.replies().size());
                })
                .use((ctx, next) -> {
                    trace.add("second");
                    next.run();
                })
                .intent("greeting", ctx -> {
                    trace.add("handler");
                    ctx.reply("hi");
                });
        turn(app, "c1", "m1", "你好");
        assertEquals(List.of("first:prediction=greeting,replies=0", "second", "handler", "first:after,replies=1"), trace);
    }

    @Test
    void middlewareThatStopsTheTurnStillCommitsIt() throws Exception {
        AtomicInteger handled = new AtomicInteger();
        BotApp app = app()
                .use((ctx, next) -> ctx.reply("we are closed")) // no next.run()
                .intent("greeting", ctx -> handled.incrementAndGet());
        TurnResult r = turn(app, "c1", "m1", "你好");
        assertEquals(0, handled.get());
        assertEquals(List.of("we are closed"), r.replies().stream().map(OutboundMessage::getText).toList());
        assertEquals(1, store.load("c1").version());
        assertEquals(0, inbox.depth("c1"));
        assertEquals(0, store.load("c1").state().getConsecutiveFallbacks(), "decide never ran");
    }

    @Test
    void customFallbackHandlerAnswersTheFirstMisunderstanding() throws Exception {
        BotApp app = app().onFallback(ctx -> ctx.reply("pardon?"));
        TurnResult r = turn(app, "c1", "m1", "asdfgh");
        assertTrue(r.fallback());
        assertEquals("pardon?", r.replies().get(0).getText());
        assertTrue(r.ticket().isEmpty());
        assertEquals(1, store.load("c1").state().getConsecutiveFallbacks());
        assertEquals("", store.load("c1").state().getHistory(0).getIntent(), "a fallback is not recorded as understood");
        assertTrue(store.load("c1").state().getRecentIntentsList().isEmpty());
    }

    @Test
    void stateCarriesOverBetweenTurns() throws Exception {
        BotApp app = app().intent("thanks", ctx -> ctx.reply("last intents " + ctx.state().getRecentIntentsList()));
        turn(app, "c1", "m1", "你好");
        turn(app, "c1", "m2", "查订单");
        TurnResult r = turn(app, "c1", "m3", "谢谢");
        assertEquals("last intents [greeting, order_status]", r.replies().get(0).getText());
        assertEquals(3, store.load("c1").version());
        assertEquals(3, r.replies().get(0).getSeq());
    }

    @Test
    void historyAndRecentIntentsAreBounded() throws Exception {
        BotApp app = app();
        for (int i = 1; i <= 15; i++) {
            turn(app, "c1", "m" + i, i % 2 == 0 ? "谢谢" : "你好");
        }
        DialogueState s = store.load("c1").state();
        assertEquals(CommitTurnMiddleware.HISTORY_LIMIT, s.getHistoryCount());
        assertEquals("bot", s.getHistory(s.getHistoryCount() - 1).getRole(), "the newest are kept");
        assertEquals("m15", s.getHistory(s.getHistoryCount() - 2).getMsgId());
        assertEquals(CommitTurnMiddleware.RECENT_INTENTS_LIMIT, s.getRecentIntentsCount());
        assertEquals("greeting", s.getRecentIntents(9), "most recent last");
    }

    @Test
    void languageFollowsTheMessage() throws Exception {
        BotApp app = app();
        assertEquals(ReplyTemplates.defaults().pick("greeting", "en", 0), turn(app, "c1", "m1", "hello").replies().get(0).getText());
        assertEquals("en", store.load("c1").state().getLanguage());
        // digits only give no clue: the conversation keeps English
        TurnResult r = turn(app, "c1", "m2", "123456");
        assertTrue(r.fallback());
        assertTrue(r.replies().get(0).getText().matches("[\\p{ASCII}]+"), r.replies().get(0).getText());
        assertEquals(ReplyTemplates.defaults().pick("greeting", "zh", 2), turn(app, "c1", "m3", "你好").replies().get(0).getText());
    }

    @Test
    void aMessageNotAtTheInboxHeadIsNotProcessed() throws Exception {
        BotApp app = app();
        // never persisted: there is nothing to consume, so nothing may be answered
        ConcurrentTurnException e = assertThrows(ConcurrentTurnException.class, () -> app.run(msg("c1", "ghost", "你好")));
        assertTrue(e.getMessage().contains("already consumed"), e.getMessage());
        assertEquals(0, store.load("c1").version());
        assertTrue(new ReplyOutbox(redis.client()).isEmpty("c1"));

        // and one already processed is not processed again
        InboundMessage stored = Fixtures.persist(inbox, msg("c1", "m1", "你好"));
        app.run(stored);
        assertThrows(ConcurrentTurnException.class, () -> app.run(stored));
        assertEquals(1, store.load("c1").version());
        assertEquals(1, new ReplyOutbox(redis.client()).pending("c1").size());
    }

    @Test
    void retriesAfterLosingAVersionRace() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        // Another node commits a turn of this conversation (bumps the version) while our first attempt runs.
        BotApp app = app().use((ctx, next) -> {
            if (ctx.inbound().getPlatformMsgId().equals("m1") && attempts.incrementAndGet() == 1) {
                redis.client().hincrBy(RedisKeys.state("c1"), "v", 1);
            }
            next.run();
        });
        turn(app, "c1", "m0", "你好");
        TurnResult r = turn(app, "c1", "m1", "谢谢");
        assertEquals(2, attempts.get(), "the turn ran again on the fresh state");
        assertEquals(1, r.replies().size());
        assertEquals(3, store.load("c1").version());
        assertEquals(0, inbox.depth("c1"));
    }

    @Test
    void givesUpAfterRepeatedVersionRacesWithoutWritingAnything() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        BotApp app = app().use((ctx, next) -> {
            attempts.incrementAndGet();
            redis.client().hincrBy(RedisKeys.state("c1"), "v", 1); // someone always wins
            next.run();
        });
        turn(app(), "c1", "m0", "你好"); // a committed state to race on
        InboundMessage stored = Fixtures.persist(inbox, msg("c1", "m1", "你好"));
        ConcurrentTurnException e = assertThrows(ConcurrentTurnException.class, () -> app.run(stored));
        assertTrue(e.getMessage().contains("changed since version"), e.getMessage());
        assertEquals(5, attempts.get());
        assertEquals(1, inbox.depth("c1"), "the message stays for the next try");
        assertEquals(1, new ReplyOutbox(redis.client()).pending("c1").size(), "only m0's reply");
        assertEquals(1, store.transcript("c1").size());
    }

    @Test
    void redeliveredMessageIsAnsweredOnce() throws Exception {
        BotApp app = app();
        turn(app, "c1", "m1", "你好");
        // the platform did not see our ack and sends m1 again, after we answered it
        RedisInbox.PersistResult again = inbox.persist(msg("c1", "m1", "你好"));
        assertTrue(again.duplicate());
        assertTrue(inbox.head("c1").isEmpty(), "nothing to process");
        assertEquals(1, new ReplyOutbox(redis.client()).pending("c1").size());
        assertEquals(1, store.transcript("c1").size());
    }

    private static String captureStderr(Runnable r) {
        PrintStream original = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setErr(original);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

}

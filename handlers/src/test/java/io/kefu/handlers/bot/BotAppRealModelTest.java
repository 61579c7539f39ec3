package io.kefu.handlers.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kefu.handlers.fixtures.Fixtures;
import io.kefu.handlers.store.RedisConversationStore;
import io.kefu.handlers.store.RedisInbox;
import io.kefu.handlers.testing.RedisExtension;
import io.kefu.handlers.testing.TestModels;
import io.kefu.nlp.IntentClassifier;
import io.kefu.proto.v1.ConversationMode;
import io.kefu.proto.v1.HandoffTicket;
import java.time.Clock;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The real default model (fast tier) behind a BotApp wired like the gateway's: what a buyer actually gets. */
class BotAppRealModelTest {
    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    private static IntentClassifier model;
    private static final ReplyTemplates T = ReplyTemplates.defaults();

    @BeforeAll
    static void trainOnce() {
        model = TestModels.fast();
    }

    private final RedisInbox inbox = new RedisInbox(redis.client(), Clock.systemUTC());
    private final RedisConversationStore store = new RedisConversationStore(redis.client());

    private BotApp app() {
        return new BotApp(new RedisConversationStore(redis.client()), () -> model, ReplyTemplates.defaults(),
                new EscalationPolicy(2), Clock.systemUTC());
    }

    private static boolean isVariantOf(String text, String key, String lang) {
        return IntStream.range(0, 5).anyMatch(seq -> T.pick(key, lang, seq).equals(text));
    }

    @Test
    void askingForAHumanOpensAnExplicitRequestTicket() throws Exception {
        TurnResult r = Fixtures.turn(app(), inbox, "c1", "m1", "转人工");
        assertEquals("human_agent", r.prediction().intent(), r.prediction().toString());
        HandoffTicket t = r.ticket().orElseThrow(() -> new AssertionError("no ticket: " + r));
        assertEquals("explicit_request", t.getReason());
        assertEquals("转人工", t.getLastBuyerText());
        assertEquals(t, store.ticket("c1").orElseThrow());
        assertEquals(ConversationMode.WAITING_FOR_AGENT, store.load("c1").state().getMode());
        assertTrue(isVariantOf(r.replies().get(0).getText(), "_handoff", "zh"), r.replies().get(0).getText());
    }

    @Test
    void chineseGreetingGetsAChineseGreeting() throws Exception {
        TurnResult r = Fixtures.turn(app(), inbox, "c1", "m1", "在吗");
        assertFalse(r.fallback(), r.prediction().toString());
        assertEquals("greeting", r.prediction().intent());
        String text = r.replies().get(0).getText();
        assertTrue(isVariantOf(text, "greeting", "zh"), text);
        assertTrue(text.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN), text);
        assertTrue(r.ticket().isEmpty());
    }

    @Test
    void englishQuestionGetsAnEnglishAnswer() throws Exception {
        TurnResult r = Fixtures.turn(app(), inbox, "c1", "m1", "where is my parcel");
        String text = r.replies().get(0).getText();
        assertTrue(text.codePoints().noneMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN), text);
        assertTrue(text.matches("(?s).*[A-Za-z]{3,}.*"), text);
        assertFalse(r.fallback(), r.prediction().toString());
        assertTrue(isVariantOf(text, r.prediction().intent(), "en"), r.prediction().intent() + ": " + text);
        assertEquals("en", store.load("c1").state().getLanguage());
        assertEquals(model.modelId(), r.modelId());
    }
}

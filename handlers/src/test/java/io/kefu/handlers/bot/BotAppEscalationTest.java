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
import io.kefu.proto.v1.HandoffTicket;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** When BotApp calls a person, end to end through Redis (FixedClassifier: "???" is never understood). */
class BotAppEscalationTest {
    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    private static final FixedClassifier CLASSIFIER = new FixedClassifier(Map.of(
            "转人工", "human_agent",
            "你好", "greeting"));
    private static final ReplyTemplates T = ReplyTemplates.defaults();

    private final RedisInbox inbox = new RedisInbox(redis.client(), Clock.systemUTC());
    private final RedisConversationStore store = new RedisConversationStore(redis.client());

    private TurnResult say(BotApp app, String id, String text) throws Exception {
        return Fixtures.turn(app, inbox, "c1", id, text);
    }

    @Test
    void askingForAPersonOpensAnExplicitRequestTicket() throws Exception {
        TurnResult r = say(Fixtures.app(redis.client(), CLASSIFIER), "m1", "转人工");
        HandoffTicket t = r.ticket().orElseThrow();
        assertEquals("explicit_request", t.getReason());
        assertEquals(2, t.getPriority());
        assertEquals("human_agent", t.getLastIntents(0).getIntent());
        assertEquals(T.pick("_handoff", "zh", 0), r.replies().get(0).getText());
        assertEquals(t, store.ticket("c1").orElseThrow(), "the ticket is committed with the turn");
        assertEquals(ConversationMode.WAITING_FOR_AGENT, store.load("c1").state().getMode());
        assertEquals(t.getId(), store.load("c1").state().getOpenTicketId());
        assertEquals(t.getId(), store.transcript("c1").get(0).getHandoffTicketId());
    }

    @Test
    void askingAgainWhileWaitingOpensNoSecondTicket() throws Exception {
        BotApp app = Fixtures.app(redis.client(), CLASSIFIER);
        HandoffTicket first = say(app, "m1", "转人工").ticket().orElseThrow();
        TurnResult again = say(app, "m2", "转人工");
        assertTrue(again.ticket().isEmpty());
        assertEquals(T.pick("_handoff_waiting", "zh", 1), again.replies().get(0).getText());
        assertEquals(first.getId(), store.ticket("c1").orElseThrow().getId());
        // the bot keeps answering while the buyer waits
        assertEquals(T.pick("greeting", "zh", 2), say(app, "m3", "你好").replies().get(0).getText());
    }

    @Test
    void consecutiveFallbacksEscalateWithLowConfidence() throws Exception {
        BotApp app = Fixtures.app(redis.client(), CLASSIFIER, 2);
        TurnResult first = say(app, "m1", "???");
        assertTrue(first.fallback());
        assertTrue(first.ticket().isEmpty());
        assertEquals(T.pick("_fallback", "zh", 0), first.replies().get(0).getText());

        TurnResult second = say(app, "m2", "???");
        HandoffTicket t = second.ticket().orElseThrow();
        assertEquals("low_confidence", t.getReason());
        assertEquals(1, t.getPriority());
        assertEquals("???", t.getLastBuyerText());
        assertEquals(2, store.load("c1").state().getConsecutiveFallbacks());
    }

    @Test
    void anUnderstoodMessageResetsTheCounter() throws Exception {
        BotApp app = Fixtures.app(redis.client(), CLASSIFIER, 2);
        say(app, "m1", "???");
        say(app, "m2", "你好");
        assertEquals(0, store.load("c1").state().getConsecutiveFallbacks());
        TurnResult third = say(app, "m3", "???");
        assertTrue(third.ticket().isEmpty(), "fallback, greeting, fallback is not two in a row");
        assertEquals(1, store.load("c1").state().getConsecutiveFallbacks());
        assertFalse(say(app, "m4", "???").ticket().isEmpty());
    }

    @Test
    void thresholdComesFromThePolicy() throws Exception {
        BotApp app = Fixtures.app(redis.client(), CLASSIFIER, 3);
        assertTrue(say(app, "m1", "???").ticket().isEmpty());
        assertTrue(say(app, "m2", "???").ticket().isEmpty());
        assertEquals("low_confidence", say(app, "m3", "???").ticket().orElseThrow().getReason());

        BotApp impatient = Fixtures.app(redis.client(), CLASSIFIER, 1);
        assertEquals("low_confidence", Fixtures.turn(impatient, inbox, "c2", "m1", "???").ticket().orElseThrow().getReason());
    }
}

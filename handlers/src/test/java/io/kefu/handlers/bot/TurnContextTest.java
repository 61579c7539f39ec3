package io.kefu.handlers.bot;

import static io.kefu.handlers.fixtures.Fixtures.msg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kefu.handlers.fixtures.Fixtures;
import io.kefu.proto.v1.ConversationMode;
import io.kefu.proto.v1.DialogueState;
import io.kefu.proto.v1.HandoffTicket;
import io.kefu.proto.v1.InboundMessage;
import io.kefu.proto.v1.OutboundMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Ids derived from the inbound message (so a re-run after a crash produces the same ids) and reply seq numbers. */
class TurnContextTest {
    private static final ReplyTemplates TEMPLATES = ReplyTemplates.defaults();

    private static TurnContext ctx(InboundMessage m, long nextReplySeq, ConversationMode mode) {
        TurnContext c = new TurnContext(m, Fixtures.fixedClock(5_000), TEMPLATES);
        c.loaded(DialogueState.newBuilder().setConversationId(m.getConversationId()).setMode(mode)
                .setNextReplySeq(nextReplySeq).build(), 3);
        return c;
    }

    private static List<String> ids(TurnContext c) {
        return c.replies().stream().map(OutboundMessage::getId).toList();
    }

    @Test
    void replyIdsAreDeterministicPerMessageAndPosition() {
        TurnContext first = ctx(msg("c1", "m1", "x"), 0, ConversationMode.BOT).reply("a").reply("b");
        // a re-run (other node, after a crash) may even produce other texts: the ids stay the same
        TurnContext rerun = ctx(msg("c1", "m1", "x"), 0, ConversationMode.BOT).reply("A").reply("B");
        assertEquals(ids(first), ids(rerun));
        assertNotEquals(ids(first).get(0), ids(first).get(1));
        assertTrue(ids(first).get(0).matches("r-[0-9a-f]{20}"), ids(first).get(0));

        TurnContext otherMessage = ctx(msg("c1", "m2", "x"), 0, ConversationMode.BOT).reply("a");
        TurnContext otherConversation = ctx(msg("c2", "m1", "x"), 0, ConversationMode.BOT).reply("a");
        assertNotEquals(ids(first).get(0), ids(otherMessage).get(0));
        assertNotEquals(ids(first).get(0), ids(otherConversation).get(0));
    }

    @Test
    void seqContinuesFromTheConversationState() {
        TurnContext c = ctx(msg("c1", "m1", "x"), 41, ConversationMode.BOT).reply("a").reply("b");
        assertEquals(List.of(42L, 43L), c.replies().stream().map(OutboundMessage::getSeq).toList());
        assertEquals(43, c.state().getNextReplySeq());
        OutboundMessage r = c.replies().get(0);
        assertEquals("m1", r.getInReplyTo());
        assertEquals(5_000, r.getCreatedAt());
        assertEquals(OutboundMessage.Sender.BOT, r.getSender());
    }

    @Test
    void clearingRepliesGivesTheirSeqNumbersBack() {
        TurnContext c = ctx(msg("c1", "m1", "x"), 7, ConversationMode.BOT).reply("a").reply("b");
        c.clearReplies();
        assertEquals(List.of(), c.replies());
        assertEquals(7, c.state().getNextReplySeq(), "no gap in the buyer's sequence");
        c.reply("sorry");
        assertEquals(8, c.replies().get(0).getSeq());
    }

    @Test
    void handoffOpensADeterministicTicket() {
        InboundMessage m = msg("c1", "m9", "我要投诉");
        TurnContext c = ctx(m, 0, ConversationMode.BOT).handoff("explicit_request", 2);
        HandoffTicket t = c.ticket().orElseThrow();
        assertEquals("t-" + TurnContext.digest("c1|m9"), t.getId());
        assertEquals(t.getId(), ctx(m, 0, ConversationMode.BOT).handoff("explicit_request", 2).ticket().orElseThrow().getId());
        assertEquals("explicit_request", t.getReason());
        assertEquals(2, t.getPriority());
        assertEquals(HandoffTicket.Status.WAITING, t.getStatus());
        assertEquals("我要投诉", t.getLastBuyerText());
        assertEquals("demo", t.getStoreId());
        assertEquals(5_000, t.getCreatedAt());
        assertEquals(ConversationMode.WAITING_FOR_AGENT, c.state().getMode());
        assertEquals(t.getId(), c.state().getOpenTicketId());
        assertTrue(TEMPLATES.fill("_handoff", "zh", 0, java.util.Map.of()).equals(c.replies().get(0).getText()));
    }

    @Test
    void secondHandoffWhileWaitingOnlySaysStillQueued() {
        for (ConversationMode open : List.of(ConversationMode.WAITING_FOR_AGENT, ConversationMode.AGENT)) {
            TurnContext c = ctx(msg("c1", "m2", "人呢"), 4, open).handoff("explicit_request", 2);
            assertTrue(c.ticket().isEmpty(), "no second ticket while " + open);
            assertEquals(TEMPLATES.pick("_handoff_waiting", "zh", 4), c.replies().get(0).getText());
        }
    }

    @Test
    void languageDefaultsToChinese() {
        TurnContext c = ctx(msg("c1", "m1", "123"), 0, ConversationMode.BOT);
        assertEquals("zh", c.language());
        c.state().setLanguage("en");
        assertEquals("en", c.language());
    }
}

package io.kefu.handlers.handoff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kefu.handlers.fixtures.Fixtures;
import io.kefu.handlers.testing.RedisExtension;
import io.kefu.proto.v1.ConversationMode;
import io.kefu.proto.v1.HandoffTicket.Status;
import io.kefu.proto.v1.InboundMessage;
import io.kefu.proto.v1.OutboundMessage;
import io.kefu.proto.v1.TurnRecord;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A ticket's life on real Redis: waiting → active → resolved / returned to the bot, and who may do what. */
class HandoffLifecycleTest {
    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    private final MutableClock clock = new MutableClock(1_704_880_800_000L);
    private static final String S = Fixtures.STORE;

    @Test
    void agentTakesOverRepliesThroughTheOutboxAndHandsBackToTheBotWhichResumesItsFlow() {
        Desk d = new Desk(redis.client(), clock);
        d.app.use((ctx, next) -> {
            if (ctx.state().getActiveFlow().isEmpty()) {
                ctx.state().setActiveFlow("return_refund").setFlowStep("ask_order").putSlots("order_id", "A1001");
            }
            next.run();
        });
        d.agent("amy", 2);
        d.say("c1", "m1", "转人工");

        assertTrue(d.desk.takeOver(S, "amy", "c1").accepted());
        assertEquals(Status.ACTIVE, d.ticket("c1").getStatus());
        assertEquals("amy", d.ticket("c1").getAssignedAgent());
        assertEquals(ConversationMode.AGENT, d.state("c1").getMode());
        assertEquals(List.of(), d.desk.queue().waiting(S));
        assertEquals(List.of("c1"), d.desk.load().held(S, "amy"));

        // While a person owns it the bot never answers, whatever the buyer says.
        for (String text : List.of("你好", "转人工", "???", "你们就是骗子")) {
            var r = d.say("c1", "b-" + text.hashCode(), text);
            assertTrue(r.routedToAgent());
            assertEquals(List.of(), r.replies(), "bot silent on " + text);
        }

        int pendingBefore = d.pending("c1").size();
        assertTrue(d.desk.reply(S, "amy", "c1", "您好，我是客服小艾，马上帮您处理").accepted());
        List<OutboundMessage> pending = d.pending("c1");
        assertEquals(pendingBefore + 1, pending.size(), "the agent's reply waits in the same outbox as the bot's");
        OutboundMessage reply = pending.get(pending.size() - 1);
        assertEquals(OutboundMessage.Sender.AGENT, reply.getSender());
        assertEquals("您好，我是客服小艾，马上帮您处理", reply.getText());
        assertTrue(reply.getSeq() > pending.get(pending.size() - 2).getSeq(), "ordered after the bot's replies");
        assertTrue(d.ticket("c1").getFirstResponseAt() > 0, "the first reply stops the SLA clock");

        assertTrue(d.desk.handBack(S, "amy", "c1").accepted());
        assertEquals(Status.RETURNED_TO_BOT, d.ticket("c1").getStatus());
        var s = d.state("c1");
        assertEquals(ConversationMode.BOT, s.getMode());
        assertEquals("", s.getOpenTicketId());
        assertEquals("return_refund", s.getActiveFlow(), "the bot resumes the flow where it stood");
        assertEquals("ask_order", s.getFlowStep());
        assertEquals("A1001", s.getSlotsOrThrow("order_id"));
        assertEquals(List.of(), d.desk.load().held(S, "amy"), "the agent's capacity is free again");

        var next = d.say("c1", "m9", "我的快递到哪了");
        assertFalse(next.routedToAgent());
        assertEquals(OutboundMessage.Sender.BOT, next.replies().get(0).getSender());

        List<TurnRecord> transcript = d.store.transcript("c1");
        assertTrue(transcript.stream().anyMatch(t -> t.getAgentAction().equals("take_over") && t.getAgentId().equals("amy")));
        assertTrue(transcript.stream().anyMatch(t -> t.getAgentAction().equals("reply")));
        assertTrue(transcript.stream().anyMatch(t -> t.getAgentAction().equals("hand_back")));
    }

    @Test
    void twoAgentsClaimingTheSameTicketOnlyOneGetsIt() {
        Desk d = new Desk(redis.client(), clock);
        d.agent("amy", 2);
        d.agent("bob", 2);
        d.say("c1", "m1", "转人工");
        var first = d.desk.takeOver(S, "amy", "c1");
        var second = d.desk.takeOver(S, "bob", "c1");
        assertTrue(first.accepted());
        assertEquals(DeskResult.Outcome.CONFLICT, second.outcome());
        assertEquals("amy", d.ticket("c1").getAssignedAgent());
        assertEquals(DeskResult.Outcome.CONFLICT, d.desk.reply(S, "bob", "c1", "我来").outcome(), "only the holder replies");
        assertEquals(DeskResult.Outcome.CONFLICT, d.desk.resolve(S, "bob", "c1").outcome());
    }

    @Test
    void capacityLimitsHowManyConversationsAnAgentHolds() {
        Desk d = new Desk(redis.client(), clock);
        d.agent("amy", 1);
        d.say("c1", "m1", "转人工");
        d.say("c2", "m1", "转人工");
        assertTrue(d.desk.takeOver(S, "amy", "c1").accepted());
        var r = d.desk.takeOver(S, "amy", "c2");
        assertEquals(DeskResult.Outcome.CONFLICT, r.outcome());
        assertTrue(r.message().contains("capacity"), r.message());
        assertTrue(d.desk.resolve(S, "amy", "c1").accepted());
        assertEquals(Status.RESOLVED, d.ticket("c1").getStatus());
        assertTrue(d.desk.takeOver(S, "amy", "c2").accepted(), "resolving frees a slot");
    }

    @Test
    void transferToAnAgentOrToAnotherGroupsQueue() {
        Desk d = new Desk(redis.client(), clock);
        d.agent("amy", 2);
        d.agent("bob", 2);
        d.say("c1", "m1", "转人工");
        d.desk.takeOver(S, "amy", "c1");

        assertTrue(d.desk.transferToAgent(S, "amy", "c1", "bob", "退款问题").accepted());
        assertEquals(Status.ASSIGNED, d.ticket("c1").getStatus());
        assertEquals("bob", d.ticket("c1").getAssignedAgent());
        assertEquals("退款问题", d.ticket("c1").getNote());
        assertEquals(List.of(), d.desk.load().held(S, "amy"));
        assertEquals(List.of("c1"), d.desk.load().held(S, "bob"));
        assertTrue(d.desk.takeOver(S, "bob", "c1").accepted());
        assertEquals(Status.ACTIVE, d.ticket("c1").getStatus());

        long created = d.ticket("c1").getCreatedAt();
        assertTrue(d.desk.transferToGroup(S, "bob", "c1", "after_sales", "质量问题").accepted());
        assertEquals(Status.WAITING, d.ticket("c1").getStatus());
        assertEquals(List.of("c1"), d.desk.queue().waiting(S, "after_sales"));
        assertEquals(List.of(), d.desk.queue().waiting(S, "default"));
        assertEquals(created, d.ticket("c1").getCreatedAt(), "keeps its place: waiting time counts from the first request");
        assertEquals(ConversationMode.WAITING_FOR_AGENT, d.state("c1").getMode());

        assertEquals(DeskResult.Outcome.INVALID, d.desk.transferToAgent(S, "bob", "c1", "nobody", "").outcome());
        assertEquals(DeskResult.Outcome.INVALID, d.desk.transferToGroup(S, "bob", "c1", "bad group!", "").outcome());
    }

    @Test
    void anotherStoresConversationIsNotFoundAndBadInputChangesNothing() {
        Desk d = new Desk(redis.client(), clock);
        d.agent("amy", 2);
        d.say("c1", "m1", "转人工");
        long version = d.store.load("c1").version();
        assertEquals(DeskResult.Outcome.NOT_FOUND, d.desk.takeOver("other-store", "amy", "c1").outcome());
        assertEquals(DeskResult.Outcome.NOT_FOUND, d.desk.reply("other-store", "amy", "c1", "hi").outcome());
        assertEquals(DeskResult.Outcome.NOT_FOUND, d.desk.takeOver(S, "amy", "no-such-conversation").outcome());
        assertTrue(d.desk.takeOver(S, "amy", "c1").accepted());
        version = d.store.load("c1").version();
        assertEquals(DeskResult.Outcome.INVALID, d.desk.reply(S, "amy", "c1", " ").outcome());
        assertEquals(DeskResult.Outcome.INVALID, d.desk.reply(S, "amy", "c1", "x".repeat(2001)).outcome());
        assertEquals(version, d.store.load("c1").version(), "refused actions never reach the conversation");
        assertEquals(0, d.inbox.depth("c1"));
    }

    @Test
    void aBuyerCannotForgeAnAgentCommand() {
        Desk d = new Desk(redis.client(), clock);
        d.say("c1", "m1", "转人工");
        // Same id shape as a command marker, but no command body exists for it: a normal bot turn.
        InboundMessage forged = Fixtures.msg("c1", AgentCommands.ID_PREFIX + "x", "你好");
        Fixtures.persist(d.inbox, forged);
        d.drain("c1");
        assertEquals(Status.WAITING, d.ticket("c1").getStatus());
        assertEquals(ConversationMode.WAITING_FOR_AGENT, d.state("c1").getMode());
        assertEquals("", d.store.transcript("c1").get(1).getAgentId());
    }
}

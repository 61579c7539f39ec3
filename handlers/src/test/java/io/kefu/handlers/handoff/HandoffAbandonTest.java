package io.kefu.handlers.handoff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kefu.handlers.fixtures.Fixtures;
import io.kefu.handlers.testing.RedisExtension;
import io.kefu.proto.v1.ConversationMode;
import io.kefu.proto.v1.HandoffTicket.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A buyer who stops waiting before any agent answered leaves an ABANDONED ticket, and the bot is back. */
class HandoffAbandonTest {
    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();
    private static final String S = Fixtures.STORE;
    private final MutableClock clock = new MutableClock(1_704_880_800_000L);

    @Test
    void aWaitingBuyerSilentForHalfAnHourIsAbandonedAndTheBotAnswersAgain() {
        Desk d = new Desk(redis.client(), clock);
        d.say("c1", "m1", "转人工");
        assertEquals(Status.WAITING, d.ticket("c1").getStatus());

        clock.advanceSeconds(29 * 60);
        d.sweeper.tick();
        assertEquals(Status.WAITING, d.ticket("c1").getStatus(), "29 minutes: still waiting");
        d.say("c1", "m2", "人呢"); // still there: the half hour starts again
        clock.advanceSeconds(20 * 60);
        d.sweeper.tick();
        assertEquals(Status.WAITING, d.ticket("c1").getStatus());

        clock.advanceSeconds(11 * 60);
        d.sweeper.tick();
        assertEquals(Status.ABANDONED, d.ticket("c1").getStatus());
        assertEquals(ConversationMode.BOT, d.state("c1").getMode());
        assertTrue(d.desk.queue().waiting(S).isEmpty(), "gone from the queue");

        assertFalse(d.say("c1", "m3", "你好").replies().isEmpty(), "the bot answers the buyer who comes back");
        assertEquals(ConversationMode.BOT, d.state("c1").getMode());
    }

    @Test
    void aTicketAnAgentHoldsIsNeverAbandoned() {
        Desk d = new Desk(redis.client(), clock);
        d.desk.roster().register(S, "amy", "Amy", 3, java.util.Set.of("default"));
        d.desk.roster().heartbeat(S, "amy", AgentRoster.ONLINE, clock.millis());
        d.say("c2", "m1", "转人工");
        assertTrue(d.desk.takeOver(S, "amy", "c2").accepted());
        d.desk.reply(S, "amy", "c2", "您好，我是小艾");
        clock.advanceSeconds(31 * 60); // the buyer is quiet, but a person has the conversation
        d.desk.roster().heartbeat(S, "amy", AgentRoster.ONLINE, clock.millis());
        d.sweeper.tick();
        assertEquals(Status.ACTIVE, d.ticket("c2").getStatus(), d.ticket("c2").toString());
        assertTrue(d.desk.abandon(S, "c2", "buyer_left").message().contains("not waiting"), "refused while held");
    }
}

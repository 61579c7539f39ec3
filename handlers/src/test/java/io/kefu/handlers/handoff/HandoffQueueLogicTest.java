package io.kefu.handlers.handoff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kefu.handlers.fixtures.Fixtures;
import io.kefu.handlers.testing.RedisExtension;
import io.kefu.proto.v1.ConversationMode;
import io.kefu.proto.v1.HandoffTicket;
import io.kefu.proto.v1.HandoffTicket.Status;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The queue's policies on real Redis, with a hand-moved clock: priority, fairness, capacity, SLA, presence, silence. */
class HandoffQueueLogicTest {
    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    private final MutableClock clock = new MutableClock(1_704_880_800_000L);
    private static final String S = Fixtures.STORE;

    @Test
    void priorityFirstThenLongestWaitingAcrossGroups() {
        Desk d = new Desk(redis.client(), clock);
        d.say("asked-early", "m1", "转人工");
        clock.advanceSeconds(5);
        d.say("confused", "m1", "???");
        d.say("confused", "m2", "???");
        clock.advanceSeconds(5);
        d.say("asked-late", "m1", "转人工");
        d.say("angry", "m1", "垃圾店");
        assertEquals(List.of("angry", "asked-early", "asked-late", "confused"), d.desk.queue().waiting(S));
        assertEquals(List.of("angry"), d.desk.queue().waiting(S, "after_sales"));
    }

    @Test
    void autoAssignmentRespectsGroupsAndCapacityAndSpreadsWorkFairly() {
        Desk d = new Desk(redis.client(), clock);
        d.agent("amy", 2, "default");
        d.agent("bob", 2, "default");
        d.agent("carl", 5, "after_sales");
        for (int i = 1; i <= 5; i++) {
            d.say("c" + i, "m1", "转人工");
            clock.advanceSeconds(1);
        }
        d.say("broken", "m1", "东西坏了");
        d.sweeper.tick();

        assertEquals(2, d.desk.load().count(S, "amy"));
        assertEquals(2, d.desk.load().count(S, "bob"));
        assertEquals(List.of("broken"), d.desk.load().held(S, "carl"), "carl serves after-sales only");
        assertEquals(List.of("c5"), d.desk.queue().waiting(S), "nobody goes past capacity; the newest waits");
        // Fair: amy and bob alternate (least loaded, then longest since the last assignment).
        assertTrue(!d.ticket("c1").getAssignedAgent().equals(d.ticket("c2").getAssignedAgent()));
        assertEquals(Status.ASSIGNED, d.ticket("c1").getStatus());
        assertEquals(ConversationMode.WAITING_FOR_AGENT, d.state("c1").getMode(), "assigned is not yet owned");

        String amysFirst = d.desk.load().held(S, "amy").get(0);
        assertTrue(d.desk.takeOver(S, "amy", amysFirst).accepted());
        assertTrue(d.desk.resolve(S, "amy", amysFirst).accepted());
        d.sweeper.tick();
        assertEquals("amy", d.ticket("c5").getAssignedAgent(), "the freed slot takes the next ticket");
    }

    @Test
    void awayAgentsGetNothingNew() {
        Desk d = new Desk(redis.client(), clock);
        d.agent("amy", 2);
        d.desk.roster().heartbeat(S, "amy", AgentRoster.AWAY, clock.millis());
        d.say("c1", "m1", "转人工");
        d.sweeper.tick();
        assertEquals(List.of("c1"), d.desk.queue().waiting(S));
    }

    @Test
    void slaBreachIsRaisedOnceAndAFirstReplyStopsTheClock() {
        Desk d = new Desk(redis.client(), clock);
        d.agent("amy", 3);
        d.desk.roster().heartbeat(S, "amy", AgentRoster.AWAY, clock.millis()); // no auto-assignment
        d.say("slow", "m1", "转人工");
        d.say("fast", "m1", "转人工");
        d.desk.takeOver(S, "amy", "fast");
        d.desk.reply(S, "amy", "fast", "您好");
        clock.advanceSeconds(30);
        d.desk.roster().heartbeat(S, "amy", AgentRoster.AWAY, clock.millis());
        d.sweeper.tick();
        assertEquals(0, d.breaches);
        clock.advanceSeconds(31);
        d.desk.roster().heartbeat(S, "amy", AgentRoster.AWAY, clock.millis());
        d.sweeper.tick();
        d.sweeper.tick();
        assertEquals(1, d.breaches, "slow waited past 60 s; fast was answered in time");
        assertTrue(new HandoffClocks(redis.client()).isBreached(S, d.ticket("slow").getId()));
    }

    @Test
    void anAgentWhoseBrowserVanishedLosesTheirConversationsToTheQueueAfterTheGracePeriod() {
        Desk d = new Desk(redis.client(), clock);
        d.agent("amy", 2);
        d.say("c1", "m1", "转人工");
        d.desk.takeOver(S, "amy", "c1");
        clock.advanceSeconds(59);
        d.sweeper.tick();
        assertEquals(Status.ACTIVE, d.ticket("c1").getStatus(), "still within the grace period");
        clock.advanceSeconds(2);
        d.sweeper.tick();
        HandoffTicket t = d.ticket("c1");
        assertEquals(Status.WAITING, t.getStatus());
        assertEquals("", t.getAssignedAgent());
        assertEquals(1, t.getRequeues());
        assertEquals("presence_lost", t.getNote());
        assertEquals(ConversationMode.WAITING_FOR_AGENT, d.state("c1").getMode(), "the bot holds the buyer meanwhile");
        assertEquals(List.of("c1"), d.desk.queue().waiting(S));
        assertEquals(AgentRoster.OFFLINE, d.desk.roster().agent(S, "amy").status());
    }

    @Test
    void aBuyerLeftUnansweredGoesBackToTheQueueOrToTheBotPerStore() {
        Desk d = new Desk(redis.client(), clock);
        d.agent("amy", 2);
        d.say("c1", "m1", "转人工");
        d.desk.takeOver(S, "amy", "c1");
        d.say("c1", "m2", "有人吗");
        clock.advanceSeconds(299);
        d.desk.roster().heartbeat(S, "amy", AgentRoster.ONLINE, clock.millis());
        d.sweeper.tick();
        assertEquals(Status.ACTIVE, d.ticket("c1").getStatus());
        clock.advanceSeconds(2);
        d.desk.roster().heartbeat(S, "amy", AgentRoster.AWAY, clock.millis());
        d.sweeper.tick();
        assertEquals(Status.WAITING, d.ticket("c1").getStatus());
        assertEquals("agent_silent", d.ticket("c1").getNote());

        HandoffRules r = HandoffRules.defaults(2);
        d.policy.configure(S, new HandoffRules(r.triggers(), 2, 3, r.angryWords(), r.vipTiers(), r.highValueAmount(),
                r.afterSalesIntents(), r.priorities(), r.groups(), "default", r.hours(), r.firstResponseSla(),
                Duration.ofSeconds(60), HandoffRules.BACK_TO_BOT, r.presenceGrace(), false));
        d.say("c2", "m1", "转人工");
        d.desk.takeOver(S, "amy", "c2");
        d.say("c2", "m2", "人呢");
        clock.advanceSeconds(61);
        d.desk.roster().heartbeat(S, "amy", AgentRoster.ONLINE, clock.millis());
        d.sweeper.tick();
        assertEquals(Status.RETURNED_TO_BOT, d.ticket("c2").getStatus());
        assertEquals(ConversationMode.BOT, d.state("c2").getMode());
    }
}

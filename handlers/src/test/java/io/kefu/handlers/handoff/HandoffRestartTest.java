package io.kefu.handlers.handoff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kefu.handlers.fixtures.Fixtures;
import io.kefu.handlers.redis.RedisConnector;
import io.kefu.handlers.testing.RedisExtension;
import io.kefu.proto.v1.ConversationMode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.UnifiedJedis;

/** Durability: Redis restarted from its AOF and a fresh node find the desk exactly as it was. */
class HandoffRestartTest {
    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    private final MutableClock clock = new MutableClock(1_704_880_800_000L);
    private static final String S = Fixtures.STORE;

    @Test
    void aRestartLosesNothingQueueOwnershipTranscriptsAndSlaClocks() {
        Desk d = new Desk(redis.client(), clock);
        d.agent("amy", 2);
        d.desk.roster().heartbeat(S, "amy", AgentRoster.AWAY, clock.millis());
        d.say("held", "m1", "转人工");
        d.desk.takeOver(S, "amy", "held");
        d.say("waiting", "m1", "转人工");
        Fixtures.awaitAofWritten(redis.client());
        redis.stop();
        redis.restart();

        try (UnifiedJedis fresh = RedisConnector.connect(redis.url(), 4)) {
            Desk after = new Desk(fresh, clock); // a fresh node: nothing in memory
            assertEquals(List.of("waiting"), after.desk.queue().waiting(S));
            assertEquals(List.of("held"), after.desk.load().held(S, "amy"));
            assertEquals(ConversationMode.AGENT, after.state("held").getMode());
            assertEquals(2, after.store.transcript("held").size());
            assertTrue(after.say("held", "m2", "还在吗").replies().isEmpty(), "still the agent's after the restart");
            clock.advanceSeconds(61);
            after.desk.roster().heartbeat(S, "amy", AgentRoster.AWAY, clock.millis());
            after.sweeper.tick();
            assertEquals(2, after.breaches, "the SLA clocks kept running across the restart");
        }
    }
}

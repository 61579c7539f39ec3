package io.kefu.handlers.bot;

import static io.kefu.handlers.fixtures.Fixtures.msg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kefu.handlers.fixtures.Fixtures;
import io.kefu.handlers.redis.RedisConnector;
import io.kefu.handlers.store.RedisConversationStore;
import io.kefu.handlers.store.RedisInbox;
import io.kefu.handlers.store.ReplyOutbox;
import io.kefu.handlers.testing.FixedClassifier;
import io.kefu.handlers.testing.RedisExtension;
import io.kefu.proto.v1.InboundMessage;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Redis really goes away in the middle of a turn (between load and commit). Its own class with one
 * test: after a restart the shared client's pooled connections are stale.
 */
class CommitTurnRedisFailureTest {
    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    @Test
    void redisDyingMidTurnCommitsNothingAndTheTurnCanBeRunAgain() throws Exception {
        FixedClassifier classifier = new FixedClassifier(Map.of("你好", "greeting"));
        RedisInbox inbox = new RedisInbox(redis.client(), Clock.systemUTC());
        InboundMessage stored = Fixtures.persist(inbox, msg("c1", "m1", "你好"));
        Fixtures.awaitAofWritten(redis.client());

        BotApp app = Fixtures.app(redis.client(), classifier).use((ctx, next) -> {
            redis.stop();
            next.run();
        });
        assertThrows(JedisException.class, () -> app.run(stored));
        redis.restart();

        try (UnifiedJedis fresh = RedisConnector.connect(redis.url(), 2)) {
            RedisConversationStore store = new RedisConversationStore(fresh);
            assertEquals(0, store.load("c1").version());
            assertTrue(new ReplyOutbox(fresh).isEmpty("c1"));
            assertTrue(store.transcript("c1").isEmpty());
            RedisInbox freshInbox = new RedisInbox(fresh, Clock.systemUTC());
            assertEquals(stored, freshInbox.head("c1").orElseThrow().message(), "the message waits to be run again");

            TurnResult r = Fixtures.app(fresh, classifier).run(freshInbox.head("c1").orElseThrow().message());
            assertEquals(1, r.replies().size());
            assertEquals(1, store.load("c1").version());
            assertEquals(1, new ReplyOutbox(fresh).pending("c1").size());
        }
    }
}

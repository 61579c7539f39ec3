package io.kefu.handlers.pipeline;

import static io.kefu.handlers.fixtures.Fixtures.msg;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kefu.handlers.bot.TurnResult;
import io.kefu.handlers.fixtures.Fixtures;
import io.kefu.handlers.redis.RedisConnector;
import io.kefu.handlers.store.RedisConversationStore;
import io.kefu.handlers.store.RedisInbox;
import io.kefu.handlers.testing.FixedClassifier;
import io.kefu.handlers.testing.RedisExtension;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.UnifiedJedis;

/** Redis is down when the dispatcher wants to work: it must retry later, not drop the conversation. Own class: stops Redis. */
class ConversationDispatcherRedisDownTest {
    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    @Test
    void retriesUntilRedisIsBackThenProcessesEverything() throws Exception {
        RedisInbox inbox = new RedisInbox(redis.client(), Clock.systemUTC());
        inbox.persist(msg("c1", "m1", "你好"));
        inbox.persist(msg("c1", "m2", "你好"));
        Fixtures.awaitAofWritten(redis.client());

        ExecutorService workers = Executors.newFixedThreadPool(2);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        ConcurrentLinkedQueue<TurnResult> turns = new ConcurrentLinkedQueue<>();
        CountDownLatch retryScheduled = new CountDownLatch(1);
        // count the timer's work: the failed drain schedules a retry instead of giving up
        ScheduledExecutorService countingTimer = new java.util.concurrent.ScheduledThreadPoolExecutor(1) {
            @Override
            public java.util.concurrent.ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
                retryScheduled.countDown();
                return timer.schedule(command, delay, unit);
            }
        };
        try {
            ConversationDispatcher d = new ConversationDispatcher(inbox,
                    Fixtures.app(redis.client(), new FixedClassifier(Map.of("你好", "greeting"))), workers, countingTimer, turns::add);
            redis.stop();
            d.submit("c1");
            assertEquals(true, retryScheduled.await(20, TimeUnit.SECONDS), "a retry was scheduled");
            redis.restart();

            await().atMost(Duration.ofSeconds(30)).until(() -> turns.size() == 2);
            assertEquals(List.of("m1", "m2"), turns.stream().map(t -> t.inbound().getPlatformMsgId()).toList());
            try (UnifiedJedis fresh = RedisConnector.connect(redis.url(), 2)) {
                assertEquals(2, new RedisConversationStore(fresh).load("c1").version());
            }
        } finally {
            workers.shutdownNow();
            timer.shutdownNow();
            countingTimer.shutdownNow();
        }
    }
}

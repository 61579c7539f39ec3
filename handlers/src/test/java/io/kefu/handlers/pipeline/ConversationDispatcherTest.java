package io.kefu.handlers.pipeline;

import static io.kefu.handlers.fixtures.Fixtures.msg;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kefu.handlers.bot.BotApp;
import io.kefu.handlers.bot.TurnResult;
import io.kefu.handlers.fixtures.Fixtures;
import io.kefu.handlers.store.RedisConversationStore;
import io.kefu.handlers.store.RedisInbox;
import io.kefu.handlers.store.ReplyOutbox;
import io.kefu.handlers.testing.FixedClassifier;
import io.kefu.handlers.testing.RedisExtension;
import io.kefu.proto.v1.InboundMessage;
import io.kefu.proto.v1.TurnRecord;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ConversationDispatcherTest {
    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    private static final FixedClassifier CLASSIFIER = new FixedClassifier(Map.of("你好", "greeting", "boom", "order_status"));

    private final RedisInbox inbox = new RedisInbox(redis.client(), Clock.systemUTC());
    private final RedisConversationStore store = new RedisConversationStore(redis.client());
    private final ExecutorService workers = Executors.newFixedThreadPool(4);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final ConcurrentLinkedQueue<TurnResult> turns = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> deadLetters = new ConcurrentLinkedQueue<>();

    private final ConversationDispatcher.TurnListener listener = new ConversationDispatcher.TurnListener() {
        @Override
        public void onTurn(TurnResult result) {
            turns.add(result);
        }

        @Override
        public void onDeadLetter(String conversationId, String platformMsgId, Exception cause) {
            deadLetters.add(conversationId + "/" + platformMsgId);
        }
    };

    @AfterEach
    void stopPools() throws InterruptedException {
        workers.shutdownNow();
        timer.shutdownNow();
        workers.awaitTermination(10, TimeUnit.SECONDS);
    }

    private ConversationDispatcher dispatcher(BotApp app) {
        return new ConversationDispatcher(inbox, app, workers, timer, listener);
    }

    private List<String> transcriptIds(String conv) {
        return store.transcript(conv).stream().map(TurnRecord::getInbound).map(InboundMessage::getPlatformMsgId).toList();
    }

    @Test
    void eachConversationInOrderOneAtATimeWhileMessagesKeepArriving() {
        Set<String> busy = ConcurrentHashMap.newKeySet();
        AtomicInteger overlaps = new AtomicInteger();
        BotApp app = Fixtures.app(redis.client(), CLASSIFIER).use((ctx, next) -> {
            String conv = ctx.inbound().getConversationId();
            if (!busy.add(conv)) {
                overlaps.incrementAndGet(); // two turns of one conversation at the same time
            }
            try {
                Thread.yield();
                next.run();
            } finally {
                busy.remove(conv);
            }
        });
        ConversationDispatcher d = dispatcher(app);
        int conversations = 5;
        int perConversation = 20;
        // the connector's pattern: persist, then submit, while earlier messages are being processed
        for (int i = 1; i <= perConversation; i++) {
            for (int c = 1; c <= conversations; c++) {
                inbox.persist(msg("c" + c, "m" + i, "你好"));
                d.submit("c" + c);
            }
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> turns.size() == conversations * perConversation);
        assertEquals(0, overlaps.get());
        List<String> expected = IntStream.rangeClosed(1, perConversation).mapToObj(i -> "m" + i).toList();
        for (int c = 1; c <= conversations; c++) {
            assertEquals(expected, transcriptIds("c" + c));
            assertEquals(perConversation, store.load("c" + c).version());
            assertEquals(0, inbox.depth("c" + c));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> d.inFlight() == 0);
    }

    @Test
    void differentConversationsRunInParallel() throws Exception {
        CountDownLatch bStarted = new CountDownLatch(1);
        AtomicInteger aSawB = new AtomicInteger(-1);
        BotApp app = Fixtures.app(redis.client(), CLASSIFIER).use((ctx, next) -> {
            if (ctx.inbound().getConversationId().equals("a")) {
                // conversation a only finishes once b has started: serial processing would time out here
                aSawB.set(bStarted.await(20, TimeUnit.SECONDS) ? 1 : 0);
            } else {
                bStarted.countDown();
            }
            next.run();
        });
        ConversationDispatcher d = dispatcher(app);
        inbox.persist(msg("a", "m1", "你好"));
        d.submit("a");
        inbox.persist(msg("b", "m1", "你好"));
        d.submit("b");
        await().atMost(Duration.ofSeconds(30)).until(() -> turns.size() == 2);
        assertEquals(1, aSawB.get(), "b ran while a was still in its turn");
    }

    @Test
    void submitIsIdempotent() {
        ConversationDispatcher d = dispatcher(Fixtures.app(redis.client(), CLASSIFIER));
        for (int i = 1; i <= 3; i++) {
            inbox.persist(msg("c1", "m" + i, "你好"));
        }
        for (int i = 0; i < 10; i++) {
            d.submit("c1");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> turns.size() == 3 && d.inFlight() == 0);
        assertEquals(3, new ReplyOutbox(redis.client()).pending("c1").size());
        assertEquals(List.of("m1", "m2", "m3"), transcriptIds("c1"));
    }

    @Test
    void recoverAfterARestartFindsEveryUnprocessedMessage() {
        // node 1 persisted (and acked) these, answered only the first one of c1, then died
        for (int i = 1; i <= 3; i++) {
            inbox.persist(msg("c1", "m" + i, "你好"));
            inbox.persist(msg("c2", "m" + i, "你好"));
        }
        inbox.persist(msg("c3", "m1", "你好"));
        try {
            Fixtures.app(redis.client(), CLASSIFIER).run(inbox.head("c1").orElseThrow().message());
        } catch (Exception e) {
            throw new AssertionError(e);
        }

        // node 2 starts with a fresh BotApp and dispatcher
        ConversationDispatcher restarted = dispatcher(Fixtures.app(redis.client(), CLASSIFIER));
        assertEquals(3, restarted.recover());
        await().atMost(Duration.ofSeconds(20)).until(() -> turns.size() == 6);
        assertEquals(List.of("m1", "m2", "m3"), transcriptIds("c1"));
        assertEquals(List.of("m1", "m2", "m3"), transcriptIds("c2"));
        assertEquals(List.of("m1"), transcriptIds("c3"));
        assertEquals(3, new ReplyOutbox(redis.client()).pending("c1").size(), "m1 was not answered a second time");
    }

    @Test
    void aMessageThatKeepsFailingIsDeadLetteredAndTheConversationMovesOn() {
        AtomicInteger attempts = new AtomicInteger();
        BotApp app = Fixtures.app(redis.client(), CLASSIFIER)
                .intent("order_status", ctx -> {
                    throw new IllegalStateException("handler broken");
                })
                .onError((ctx, e) -> {
                    attempts.incrementAndGet();
                    throw new IllegalStateException("error handler broken too");
                });
        ConversationDispatcher d = dispatcher(app);
        inbox.persist(msg("c1", "m1", "boom"));
        inbox.persist(msg("c1", "m2", "你好"));
        d.submit("c1");

        await().atMost(Duration.ofSeconds(20)).until(() -> turns.size() == 1);
        assertEquals(List.of("c1/m1"), List.copyOf(deadLetters));
        assertEquals(ConversationDispatcher.MAX_FAILURES_PER_MESSAGE, attempts.get(), "tried exactly 3 times");
        assertEquals("m2", turns.peek().inbound().getPlatformMsgId());
        assertEquals(1, inbox.deadLetters("c1").size());
        assertEquals(List.of("m2"), transcriptIds("c1"));
        assertEquals(1, store.load("c1").version());
    }
}

package io.kefu.handlers.bot;

import static io.kefu.handlers.fixtures.Fixtures.msg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kefu.handlers.fixtures.Fixtures;
import io.kefu.handlers.redis.RedisConnector;
import io.kefu.handlers.store.ConcurrentTurnException;
import io.kefu.handlers.store.RedisConversationStore;
import io.kefu.handlers.store.RedisInbox;
import io.kefu.handlers.store.ReplyOutbox;
import io.kefu.handlers.testing.FixedClassifier;
import io.kefu.handlers.testing.RedisExtension;
import io.kefu.proto.v1.OutboundMessage;
import io.kefu.proto.v1.TurnRecord;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Phaser;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.UnifiedJedis;

/**
 * Two gateway nodes (two BotApps, each with its own Redis client) drain the same conversation at
 * the same time. A phaser makes both load the same state before either commits, so every turn is
 * a real race. Nothing may be lost, answered twice, or reordered.
 */
class BotAppTwoNodeRaceTest {
    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    private static final int MESSAGES = 40;

    @Test
    void twoNodesOnOneConversationProcessEveryMessageExactlyOnceInOrder() throws Exception {
        Map<String, String> texts = new java.util.HashMap<>();
        IntStream.rangeClosed(1, MESSAGES).forEach(i -> texts.put("msg " + i, i % 2 == 0 ? "thanks" : "greeting"));
        FixedClassifier classifier = new FixedClassifier(texts);
        RedisInbox inbox = new RedisInbox(redis.client(), Clock.systemUTC());
        for (int i = 1; i <= MESSAGES; i++) {
            inbox.persist(msg("c1", "m" + i, "msg " + i));
        }

        Phaser bothLoaded = new Phaser(2);
        AtomicInteger lostRaces = new AtomicInteger();
        ConcurrentLinkedQueue<String> committed = new ConcurrentLinkedQueue<>();
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        List<UnifiedJedis> clients = List.of(RedisConnector.connect(redis.url(), 4), RedisConnector.connect(redis.url(), 4));
        try {
            List<Future<?>> done = new ArrayList<>();
            for (UnifiedJedis client : clients) {
                BotApp node = Fixtures.app(client, classifier).use((ctx, next) -> {
                    bothLoaded.arriveAndAwaitAdvance(); // the other node has loaded too (or has finished)
                    next.run();
                });
                RedisInbox nodeInbox = new RedisInbox(client, Clock.systemUTC());
                done.add(nodes.submit(() -> {
                    try {
                        Optional<RedisInbox.Pending> head;
                        while ((head = nodeInbox.head("c1")).isPresent()) {
                            try {
                                TurnResult r = node.run(head.get().message());
                                committed.add(r.inbound().getPlatformMsgId());
                            } catch (ConcurrentTurnException e) {
                                lostRaces.incrementAndGet(); // the other node took it: look at the head again
                            }
                        }
                    } finally {
                        bothLoaded.arriveAndDeregister(); // never leave the other node waiting
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            nodes.shutdownNow();
            clients.forEach(UnifiedJedis::close);
        }

        List<String> expected = IntStream.rangeClosed(1, MESSAGES).mapToObj(i -> "m" + i).toList();
        assertEquals(MESSAGES, committed.size(), "each message committed once across both nodes: " + committed);
        assertEquals(new HashSet<>(expected), new HashSet<>(committed));
        assertTrue(lostRaces.get() > 0, "the phaser forces real races");

        RedisConversationStore store = new RedisConversationStore(redis.client());
        assertEquals(MESSAGES, store.load("c1").version(), "one version per turn: no update lost");
        assertEquals(expected, store.transcript("c1").stream().map(TurnRecord::getInbound)
                .map(m -> m.getPlatformMsgId()).toList(), "processed in arrival order");
        assertEquals(0, inbox.depth("c1"));

        List<OutboundMessage> replies = new ReplyOutbox(redis.client()).pending("c1");
        assertEquals(MESSAGES, replies.size(), "one reply per message, none twice");
        assertEquals(LongStreamRange.of(1, MESSAGES), replies.stream().map(OutboundMessage::getSeq).toList(),
                "seq strictly increasing without gaps");
        assertEquals(expected, replies.stream().map(OutboundMessage::getInReplyTo).toList());
        assertEquals(MESSAGES, replies.stream().map(OutboundMessage::getId).distinct().count());
        assertEquals(MESSAGES, store.load("c1").state().getNextReplySeq());
    }

    private static final class LongStreamRange {
        static List<Long> of(long from, long to) {
            return java.util.stream.LongStream.rangeClosed(from, to).boxed().toList();
        }
    }
}

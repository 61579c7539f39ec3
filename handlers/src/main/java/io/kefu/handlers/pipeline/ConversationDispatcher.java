package io.kefu.handlers.pipeline;

import io.kefu.handlers.bot.BotApp;
import io.kefu.handlers.bot.TurnResult;
import io.kefu.handlers.redis.RedisUnavailableException;
import io.kefu.handlers.store.ConcurrentTurnException;
import io.kefu.handlers.store.RedisInbox;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Step 3 of a message's life: messages of one conversation are processed one at a time in inbox
 * order, different conversations in parallel on the worker pool (never on an I/O thread). The
 * inbox in Redis is the queue; this class only decides who drains which conversation, so after a
 * crash {@link #recover()} finds every unprocessed message again.
 */
public final class ConversationDispatcher {
    private static final Logger log = LoggerFactory.getLogger(ConversationDispatcher.class);
    static final int MAX_FAILURES_PER_MESSAGE = 3;

    private final RedisInbox inbox;
    private final BotApp app;
    private final ExecutorService workers;
    private final ScheduledExecutorService timer;
    private final TurnListener listener;
    private final Map<String, Boolean> draining = new ConcurrentHashMap<>();
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();

    /** Told about every committed turn, on the worker thread, after the commit. */
    @FunctionalInterface
    public interface TurnListener {
        void onTurn(TurnResult result);

        default void onDeadLetter(String conversationId, String platformMsgId, Exception cause) {
        }

        default void onDrained(String conversationId) {
        }
    }

    public ConversationDispatcher(RedisInbox inbox, BotApp app, ExecutorService workers,
                                  ScheduledExecutorService timer, TurnListener listener) {
        this.inbox = inbox;
        this.app = app;
        this.workers = workers;
        this.timer = timer;
        this.listener = listener;
    }

    /** Makes sure somebody drains this conversation's inbox soon. Cheap and idempotent. */
    public void submit(String conversationId) {
        if (draining.putIfAbsent(conversationId, Boolean.TRUE) == null) {
            try {
                workers.execute(() -> drain(conversationId));
            } catch (RejectedExecutionException e) {
                draining.remove(conversationId);
            }
        }
    }

    /** Resubmits every conversation that may have work left (after a restart). Returns how many. */
    public int recover() {
        List<String> active = inbox.activeConversations(100_000);
        active.forEach(this::submit);
        return active.size();
    }

    private void drain(String conv) {
        try {
            while (true) {
                Optional<RedisInbox.Pending> head = inbox.head(conv);
                if (head.isEmpty()) {
                    draining.remove(conv);
                    // A message persisted between our last look and the removal must not be stranded.
                    if (inbox.depth(conv) > 0 && draining.putIfAbsent(conv, Boolean.TRUE) == null) {
                        continue;
                    }
                    listener.onDrained(conv);
                    return;
                }
                process(conv, head.get());
            }
        } catch (CancellationException e) {
            // Shutting down: the message stays in the inbox and recover() finds it on the next start.
            draining.remove(conv);
        } catch (RedisUnavailableException | JedisException e) {
            draining.remove(conv);
            log.warn("Redis unavailable while processing {}; retrying in 1 s: {}", conv, e.getMessage());
            retryLater(conv, 1000);
        } catch (RuntimeException | Error e) {
            draining.remove(conv);
            log.error("dispatcher failed on {}", conv, e);
            retryLater(conv, 1000);
        }
    }

    private void process(String conv, RedisInbox.Pending pending) {
        String msgId = pending.message().getPlatformMsgId();
        try {
            TurnResult result = app.run(pending.message());
            failures.remove(conv + "|" + msgId);
            listener.onTurn(result);
        } catch (ConcurrentTurnException e) {
            log.debug("{} on {} was taken by another worker", msgId, conv);
        } catch (RedisUnavailableException | JedisException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while processing " + msgId);
        } catch (Exception e) {
            int n = failures.merge(conv + "|" + msgId, 1, Integer::sum);
            log.error("turn for {} on {} failed (attempt {})", msgId, conv, n, e);
            if (n >= MAX_FAILURES_PER_MESSAGE && inbox.deadLetter(conv, pending.raw())) {
                failures.remove(conv + "|" + msgId);
                listener.onDeadLetter(conv, msgId, e);
            } else {
                throw new IllegalStateException("turn failed", e);
            }
        }
    }

    private void retryLater(String conv, long delayMs) {
        try {
            timer.schedule(() -> submit(conv), delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            log.debug("not retrying {}: shutting down", conv);
        }
    }

    /** Conversations currently being drained (for metrics and tests). */
    public int inFlight() {
        return draining.size();
    }
}

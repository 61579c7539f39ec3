package io.kefu.gateway.connector;

import io.kefu.gateway.outbound.ReplyDelivery;
import io.kefu.handlers.store.ReplyOutbox;
import io.kefu.proto.v1.OutboundMessage;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one channel's replies through its {@link Connector}, the same way for every platform:
 * <ul>
 *   <li><b>order</b> — replies of one conversation go one at a time, in the order they were handed in
 *       (a "lane" per conversation); conversations proceed in parallel;</li>
 *   <li><b>rate limits</b> — a token bucket per conversation and one per channel ({@link SendLimits});
 *       waiting is scheduled, never a parked thread;</li>
 *   <li><b>retries</b> — {@link SendOutcome.RateLimited} waits exactly what the platform asked
 *       (Retry-After) and also slows that conversation's bucket; {@link SendOutcome.Transient} backs
 *       off exponentially with jitter up to {@code maxAttempts}; {@link SendOutcome.Permanent} stops;</li>
 *   <li><b>exactly once</b> — see {@link SentReplies}: an accepted reply is recorded as sent before
 *       it leaves the outbox, and every attempt first checks that record and takes a lease, so a
 *       redelivery, a restart or a second node never sends an accepted reply again.</li>
 * </ul>
 * A reply that is given up stays in the outbox; the next start hands it in again.
 */
public final class ReplySendQueue implements ReplyDelivery, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ReplySendQueue.class);
    static final long LEASE_MS = 60_000;

    private final Connector connector;
    private final String channelId;
    private final ReplyOutbox outbox;
    private final SentReplies sent;
    private final ConnectorMetrics metrics;
    private final ScheduledExecutorService scheduler;
    private final Executor blocking;
    private final Backoff backoff;
    private final SendLimits limits;
    private final TokenBucket channelBucket;
    private final Map<String, TokenBucket> conversationBuckets;
    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
    private final String owner = UUID.randomUUID().toString();
    private volatile boolean closed;

    public ReplySendQueue(Connector connector, ReplyOutbox outbox, SentReplies sent, ConnectorMetrics metrics,
                          ScheduledExecutorService scheduler, Executor blocking, Backoff backoff) {
        this.connector = connector;
        this.channelId = connector.channel().id();
        this.outbox = outbox;
        this.sent = sent;
        this.metrics = metrics;
        this.scheduler = scheduler;
        this.blocking = blocking;
        this.backoff = backoff;
        this.limits = connector.sendLimits();
        this.channelBucket = new TokenBucket(limits.perChannelPerSecond(), limits.perChannelBurst());
        this.conversationBuckets = java.util.Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, TokenBucket> e) {
                return size() > 10_000;
            }
        });
    }

    /** Replies waiting or in flight (for tests and metrics). */
    public int queued() {
        return lanes.values().stream().mapToInt(Lane::size).sum();
    }

    @Override
    public void deliver(OutboundMessage reply) {
        if (closed) {
            return; // stays in the outbox; the next start delivers it
        }
        String conv = reply.getConversationId();
        boolean[] start = {false};
        lanes.compute(conv, (k, lane) -> {
            Lane l = lane == null ? new Lane() : lane;
            if (l.ids.add(reply.getId())) {
                l.queue.add(reply);
                if (!l.busy) {
                    l.busy = true;
                    start[0] = true;
                }
            }
            return l;
        });
        if (start[0]) {
            next(conv);
        }
    }

    private void next(String conv) {
        OutboundMessage[] head = {null};
        lanes.compute(conv, (k, lane) -> {
            if (lane == null) {
                return null;
            }
            head[0] = lane.queue.peek();
            if (head[0] == null) {
                return null; // idle: drop the lane
            }
            return lane;
        });
        if (head[0] != null) {
            OutboundMessage r = head[0];
            run(() -> attempt(r, 0));
        }
    }

    private void finished(OutboundMessage reply) {
        lanes.computeIfPresent(reply.getConversationId(), (k, lane) -> {
            lane.queue.remove(reply);
            lane.ids.remove(reply.getId());
            return lane;
        });
        next(reply.getConversationId());
    }

    /** Runs on the blocking executor (Redis calls). */
    private void attempt(OutboundMessage reply, int attempt) {
        if (closed) {
            return;
        }
        String conv = reply.getConversationId();
        try {
            if (sent.wasSent(conv, reply.getId())) {
                // Accepted earlier (before a crash, or by another node): only the outbox is left to clear.
                outbox.markDelivered(conv, reply.getId());
                metrics.sends.labels(channelId, "already_sent").inc();
                finished(reply);
                return;
            }
        } catch (RuntimeException e) {
            retryLater(reply, attempt, backoff.delay(attempt), "redis");
            return;
        }
        long waitNanos = Math.max(conversationBucket(conv).reserve(), channelBucket.reserve());
        if (waitNanos > 0) {
            schedule(() -> send(reply, attempt), waitNanos, TimeUnit.NANOSECONDS);
        } else {
            send(reply, attempt);
        }
    }

    private void send(OutboundMessage reply, int attempt) {
        if (closed) {
            return;
        }
        String conv = reply.getConversationId();
        try {
            if (!sent.claim(conv, reply.getId(), owner, LEASE_MS)) {
                // Another sender is on it right now; it will clear the outbox when the platform accepts.
                metrics.sends.labels(channelId, "leased_elsewhere").inc();
                finished(reply);
                return;
            }
        } catch (RuntimeException e) {
            retryLater(reply, attempt, backoff.delay(attempt), "redis");
            return;
        }
        connector.send(reply).exceptionally(e -> new SendOutcome.Transient(String.valueOf(e.getMessage())))
                .thenAccept(outcome -> run(() -> settle(reply, attempt, outcome)));
    }

    private void settle(OutboundMessage reply, int attempt, SendOutcome outcome) {
        String conv = reply.getConversationId();
        if (outcome instanceof SendOutcome.Accepted) {
                metrics.sends.labels(channelId, "accepted").inc();
                try {
                    // Order matters: "sent" first, so a crash before markDelivered never resends.
                    sent.recordSent(conv, reply.getId());
                    outbox.markDelivered(conv, reply.getId());
                    sent.release(conv, reply.getId(), owner);
                } catch (RuntimeException e) {
                    // The platform has it; the outbox entry is cleared by the next start (wasSent check).
                    log.warn("reply {} sent but not recorded ({}); the next start clears it", reply.getId(), e.toString());
                }
                finished(reply);
        } else if (outcome instanceof SendOutcome.RateLimited r) {
                release(reply);
                metrics.sends.labels(channelId, "rate_limited").inc();
                Duration wait = r.retryAfter().isZero() ? backoff.delay(attempt) : r.retryAfter();
                conversationBucket(conv).penalize(wait.toNanos());
                retryLater(reply, attempt, wait, "rate_limited");
        } else if (outcome instanceof SendOutcome.Transient t) {
                release(reply);
                metrics.sends.labels(channelId, "transient").inc();
                if (attempt + 1 >= limits.maxAttempts()) {
                    log.warn("giving up on reply {} of {} after {} attempts ({}); it stays in the outbox", reply.getId(), conv,
                            attempt + 1, t.reason());
                    finished(reply);
                } else {
                    log.debug("reply {} attempt {} failed: {}", reply.getId(), attempt, t.reason());
                    retryLater(reply, attempt, backoff.delay(attempt), "transient");
                }
        } else if (outcome instanceof SendOutcome.Permanent p) {
                release(reply);
                metrics.sends.labels(channelId, "permanent").inc();
                log.warn("platform refused reply {} of {} for good: {}; it stays in the outbox", reply.getId(), conv, p.reason());
                finished(reply);
        }
    }

    private void release(OutboundMessage reply) {
        try {
            sent.release(reply.getConversationId(), reply.getId(), owner);
        } catch (RuntimeException e) {
            // The lease expires on its own.
        }
    }

    private void retryLater(OutboundMessage reply, int attempt, Duration wait, String reason) {
        metrics.sendRetries.labels(channelId, reason).inc();
        schedule(() -> attempt(reply, attempt + 1), wait.toNanos(), TimeUnit.NANOSECONDS);
    }

    private TokenBucket conversationBucket(String conv) {
        return conversationBuckets.computeIfAbsent(conv,
                k -> new TokenBucket(limits.perConversationPerSecond(), limits.perConversationBurst()));
    }

    private void schedule(Runnable r, long delay, TimeUnit unit) {
        try {
            scheduler.schedule(() -> run(r), delay, unit);
        } catch (RejectedExecutionException e) {
            log.debug("not scheduling a send: shutting down");
        }
    }

    private void run(Runnable r) {
        try {
            blocking.execute(() -> {
                try {
                    r.run();
                } catch (RuntimeException e) {
                    log.error("reply send step failed on channel {}", channelId, e);
                }
            });
        } catch (RejectedExecutionException e) {
            log.debug("not running a send step: shutting down");
        }
    }

    @Override
    public void close() {
        closed = true;
    }

    private static final class Lane {
        final ArrayDeque<OutboundMessage> queue = new ArrayDeque<>();
        final Set<String> ids = new HashSet<>();
        boolean busy;

        synchronized int size() {
            return queue.size();
        }
    }
}

package io.kefu.sandbox.loadgen;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The book of every message the benchmark sent and every reply it saw, shared by all
 * connections. It is what turns "the server answered" into the exactly-once check: each
 * message must be acked, and answered by exactly one reply whose {@code inReplyTo} is its id.
 */
final class MessageLedger {

    private static final class Entry {
        final long intendedSendNanos;
        final boolean measured;
        volatile boolean acked;
        volatile String replyId;

        Entry(long intendedSendNanos, boolean measured) {
            this.intendedSendNanos = intendedSendNanos;
            this.measured = measured;
        }
    }

    private final Map<String, Entry> messages = new ConcurrentHashMap<>();
    /** reply id → the connection generation that first received it (see {@link #onReply}). */
    private final Map<String, Long> replyIds = new ConcurrentHashMap<>();
    private final LatencyRecorder latency;
    // Set once the buyers are connected and the schedule is fixed; until then nothing is measured.
    private volatile long windowStartNanos = Long.MAX_VALUE;
    private volatile long windowEndNanos = Long.MAX_VALUE;

    final AtomicLong sent = new AtomicLong();
    final AtomicLong measuredSent = new AtomicLong();
    final AtomicLong acked = new AtomicLong();
    final AtomicLong duplicateAcks = new AtomicLong();
    final AtomicLong replied = new AtomicLong();
    final AtomicLong repliesInWindow = new AtomicLong();
    final AtomicLong duplicated = new AtomicLong();
    final AtomicLong redelivered = new AtomicLong();
    final AtomicLong unsolicited = new AtomicLong();
    final AtomicLong errors = new AtomicLong();
    final AtomicLong reconnects = new AtomicLong();

    MessageLedger(LatencyRecorder latency) {
        this.latency = latency;
    }

    /**
     * Messages scheduled in [start, end) are measured (latency, throughput); earlier ones are
     * warm-up, whose replies are still checked for exactly-once.
     */
    void measureWindow(long startNanos, long endNanos) {
        this.windowEndNanos = endNanos;
        this.windowStartNanos = startNanos;
    }

    boolean inWindow(long nanos) {
        return nanos >= windowStartNanos && nanos < windowEndNanos;
    }

    void onSent(String clientMsgId, long intendedSendNanos) {
        boolean measured = inWindow(intendedSendNanos);
        messages.put(clientMsgId, new Entry(intendedSendNanos, measured));
        sent.incrementAndGet();
        if (measured) {
            measuredSent.incrementAndGet();
        }
    }

    void onAck(String clientMsgId, boolean duplicate) {
        Entry e = messages.get(clientMsgId);
        if (e == null) {
            errors.incrementAndGet(); // an ack for something we never sent
            return;
        }
        if (duplicate) {
            duplicateAcks.incrementAndGet(); // expected after a resend on reconnect
        }
        if (!e.acked) {
            e.acked = true;
            acked.incrementAndGet();
        }
    }

    /**
     * @param generation which connection attempt of this buyer received the reply. The protocol
     *                   redelivers unacked replies after a reconnect, so a reply id seen again on a
     *                   later connection is a legal redelivery (our ack may have been in flight);
     *                   seen twice on one connection it is a duplicate.
     * @return true when the reply is new (the caller shows/acks it either way)
     */
    boolean onReply(String replyId, String inReplyTo, long generation, long nowNanos) {
        Long firstGeneration = replyIds.putIfAbsent(replyId, generation);
        if (firstGeneration != null) {
            if (firstGeneration == generation) {
                duplicated.incrementAndGet();
            } else {
                redelivered.incrementAndGet();
            }
            return false;
        }
        if (inWindow(nowNanos)) {
            repliesInWindow.incrementAndGet();
        }
        Entry e = inReplyTo.isEmpty() ? null : messages.get(inReplyTo);
        if (e == null) {
            unsolicited.incrementAndGet(); // e.g. an agent's own message; not an answer we wait for
            return true;
        }
        synchronized (e) {
            if (e.replyId != null) {
                duplicated.incrementAndGet(); // a second, different reply to one message
                return true;
            }
            e.replyId = replyId;
        }
        replied.incrementAndGet();
        if (e.measured) {
            latency.recordNanos(nowNanos - e.intendedSendNanos);
        }
        return true;
    }

    boolean allReplied() {
        return replied.get() >= sent.get();
    }

    long lost() {
        return sent.get() - replied.get();
    }

    long unacked() {
        return sent.get() - acked.get();
    }
}

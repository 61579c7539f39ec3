package io.kefu.sandbox.loadgen;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The send timetable of one connection: its k-th message is due at
 * {@code start + (index + k * connections) * interval}, so the connections interleave into one
 * evenly spaced stream at the total rate. Runs on the connection's event loop; when the loop is
 * late it sends the overdue messages at once (their latency still counts from the due time).
 */
final class SendSchedule {

    private final BuyerConnection buyer;
    private final String idPrefix;
    private final long start;
    private final long end;
    private final double stepNanos;
    private final double offsetNanos;
    private final BuyerTexts texts;
    private final CountDownLatch done;
    private long k;

    SendSchedule(BuyerConnection buyer, int index, int connections, long start, long end,
                 double intervalNanos, BuyerTexts texts, CountDownLatch done) {
        this.buyer = buyer;
        this.idPrefix = "m" + index + "-";
        this.start = start;
        this.end = end;
        this.stepNanos = intervalNanos * connections;
        this.offsetNanos = intervalNanos * index;
        this.texts = texts;
        this.done = done;
    }

    void begin() {
        buyer.eventLoop().execute(this::tick);
    }

    private void tick() {
        long now = System.nanoTime();
        long due = dueAt(k);
        while (due <= now && due < end) {
            buyer.send(idPrefix + k, texts.next(), due);
            k++;
            due = dueAt(k);
        }
        if (due >= end) {
            done.countDown();
            return;
        }
        buyer.eventLoop().schedule(this::tick, due - now, TimeUnit.NANOSECONDS);
    }

    private long dueAt(long n) {
        return start + (long) (offsetNanos + n * stepNanos);
    }
}

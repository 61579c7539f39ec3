package io.kefu.sandbox.loadgen;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A thread-safe latency histogram in the spirit of HdrHistogram: log-linear buckets over
 * microseconds, so memory stays fixed (about 450 KiB) however long a benchmark runs.
 *
 * <p>Values below {@value #LINEAR_LIMIT} µs (≈2 ms, where the bot's p99 budget lives) get a bucket
 * each and are exact. Above that, every power of two is split into {@value #SUB_BUCKETS} buckets,
 * so a reported value is at most 1/1024 (≈0.1 %) above the true one. Percentiles use the
 * nearest-rank method: the smallest recorded value v such that at least p % of the values are
 * ≤ v; they report a bucket's highest value (never under-reporting), capped at the exact max.
 */
public final class LatencyRecorder {

    static final int LINEAR_LIMIT = 2048;
    static final int SUB_BUCKETS = 1024;
    private static final int LINEAR_BITS = 11; // LINEAR_LIMIT == 1 << LINEAR_BITS
    private static final int BUCKETS = LINEAR_LIMIT + (63 - LINEAR_BITS) * SUB_BUCKETS;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
    private final AtomicLong total = new AtomicLong();
    private final AtomicLong max = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong min = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong sum = new AtomicLong();

    /** Records one latency in microseconds; negative values (clock quirks) count as 0. */
    public void recordMicros(long micros) {
        long v = Math.max(0, micros);
        counts.incrementAndGet(indexOf(v));
        total.incrementAndGet();
        sum.addAndGet(v);
        max.accumulateAndGet(v, Math::max);
        min.accumulateAndGet(v, Math::min);
    }

    public void recordNanos(long nanos) {
        recordMicros(nanos / 1_000);
    }

    public long count() {
        return total.get();
    }

    /** Exact largest value in µs, or 0 when empty. */
    public long maxMicros() {
        return count() == 0 ? 0 : max.get();
    }

    /** Exact smallest value in µs, or 0 when empty. */
    public long minMicros() {
        return count() == 0 ? 0 : min.get();
    }

    public double meanMicros() {
        long n = count();
        return n == 0 ? 0 : (double) sum.get() / n;
    }

    /**
     * The value at percentile {@code p} (0 &lt; p ≤ 100) in µs, or 0 when empty. Call it once
     * recording has stopped; during recording it is a consistent-enough estimate.
     */
    public long percentileMicros(double p) {
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100]: " + p);
        }
        long n = count();
        if (n == 0) {
            return 0;
        }
        // The epsilon keeps binary floating point from turning 99.9 % of 1000 into rank 1000.
        long rank = Math.max(1, (long) Math.ceil(p / 100.0 * n - 1e-6));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts.get(i);
            if (seen >= rank) {
                return Math.min(highestValueIn(i), max.get());
            }
        }
        return max.get();
    }

    static int indexOf(long v) {
        if (v < LINEAR_LIMIT) {
            return (int) v;
        }
        int exponent = 63 - Long.numberOfLeadingZeros(v);      // ≥ LINEAR_BITS
        int shift = exponent - (LINEAR_BITS - 1);               // keep the top 11 bits
        int sub = (int) (v >>> shift) - SUB_BUCKETS;            // 0 .. SUB_BUCKETS-1
        return LINEAR_LIMIT + (exponent - LINEAR_BITS) * SUB_BUCKETS + sub;
    }

    static long highestValueIn(int index) {
        if (index < LINEAR_LIMIT) {
            return index;
        }
        int offset = index - LINEAR_LIMIT;
        int exponent = offset / SUB_BUCKETS + LINEAR_BITS;
        int shift = exponent - (LINEAR_BITS - 1);
        long lowest = ((long) (offset % SUB_BUCKETS + SUB_BUCKETS)) << shift;
        return lowest + (1L << shift) - 1;
    }
}

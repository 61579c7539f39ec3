package io.kefu.sandbox.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class LatencyRecorderTest {

    @Test
    void percentilesOfOneToThousandAreExactNearestRank() {
        LatencyRecorder r = new LatencyRecorder();
        // Recorded in shuffled order: the histogram must not depend on arrival order.
        List<Long> values = new ArrayList<>();
        for (long v = 1; v <= 1000; v++) {
            values.add(v);
        }
        java.util.Collections.shuffle(values, new Random(7));
        values.forEach(r::recordMicros);

        assertEquals(1000, r.count());
        assertEquals(500, r.percentileMicros(50));
        assertEquals(900, r.percentileMicros(90));
        assertEquals(990, r.percentileMicros(99));
        assertEquals(999, r.percentileMicros(99.9));
        assertEquals(1000, r.percentileMicros(100));
        assertEquals(1000, r.maxMicros());
        assertEquals(1, r.minMicros());
        assertEquals(500.5, r.meanMicros(), 1e-9);
    }

    @Test
    void oneOutlierShowsOnlyInTheTail() {
        LatencyRecorder r = new LatencyRecorder();
        for (int i = 0; i < 999; i++) {
            r.recordMicros(300);
        }
        r.recordMicros(2_000_000); // a 2 s stall
        assertEquals(300, r.percentileMicros(50));
        assertEquals(300, r.percentileMicros(99.9));
        assertEquals(2_000_000, r.percentileMicros(100));
        assertEquals(2_000_000, r.maxMicros());
    }

    @Test
    void largeValuesAreWithinATenthOfAPercentAndNeverUnderReported() {
        Random random = new Random(42);
        long[] exact = new long[100_000];
        LatencyRecorder r = new LatencyRecorder();
        for (int i = 0; i < exact.length; i++) {
            exact[i] = 2_048 + (long) (Math.exp(random.nextDouble() * 14) * 10); // 2 ms .. ~12 s, skewed
            r.recordMicros(exact[i]);
        }
        Arrays.sort(exact);
        for (double p : new double[] {1, 25, 50, 90, 99, 99.9, 99.99}) {
            long truth = exact[(int) Math.ceil(p / 100 * exact.length) - 1];
            long reported = r.percentileMicros(p);
            assertTrue(reported >= truth, "p" + p + " under-reported: " + reported + " < " + truth);
            assertTrue(reported <= truth + truth / 1024 + 1, "p" + p + " too coarse: " + reported + " vs " + truth);
        }
        assertEquals(exact[exact.length - 1], r.maxMicros());
    }

    @Test
    void bucketBoundariesRoundTrip() {
        for (long v : new long[] {0, 1, 2047, 2048, 2049, 4095, 4096, 1L << 40, Long.MAX_VALUE}) {
            int i = LatencyRecorder.indexOf(v);
            long high = LatencyRecorder.highestValueIn(i);
            assertTrue(high >= v, "bucket of " + v + " ends at " + high);
            assertTrue(i == 0 || LatencyRecorder.highestValueIn(i - 1) < v, "bucket before " + v + " overlaps it");
        }
    }

    @Test
    void emptyRecorderReportsZeroAndRejectsBadPercentiles() {
        LatencyRecorder r = new LatencyRecorder();
        assertEquals(0, r.percentileMicros(99));
        assertEquals(0, r.maxMicros());
        assertThrows(IllegalArgumentException.class, () -> r.percentileMicros(0));
        assertThrows(IllegalArgumentException.class, () -> r.percentileMicros(100.1));
    }

    @Test
    void concurrentRecordingLosesNothing() throws Exception {
        LatencyRecorder r = new LatencyRecorder();
        int threads = 8;
        int perThread = 50_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            pool.execute(() -> {
                try {
                    go.await();
                    for (int i = 1; i <= perThread; i++) {
                        r.recordMicros(i % 1000);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
            });
        }
        go.countDown();
        done.await();
        pool.shutdown();
        assertEquals((long) threads * perThread, r.count());
        assertEquals(999, r.maxMicros());
        assertEquals(499, r.percentileMicros(50)); // 0..999 evenly: rank 200000 of 400000 is 499
    }
}

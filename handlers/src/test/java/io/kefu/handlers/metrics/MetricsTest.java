package io.kefu.handlers.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** /metrics is scraped by Prometheus: the text format must be exact. */
class MetricsTest {

    @Test
    void counterWithEscapedLabels() {
        Metrics m = new Metrics();
        Counter c = m.counter("kefu_messages_total", "Messages received.\nPer store.", "store", "platform");
        c.labels("demo", "open").inc();
        c.labels("demo", "open").add(2);
        c.labels("we\"ird\\sto\nre", "open").inc();
        assertEquals(3, c.value("demo", "open"));
        assertEquals(0, c.value("nope", "open"));
        assertEquals("""
                # HELP kefu_messages_total Messages received.\\nPer store.
                # TYPE kefu_messages_total counter
                kefu_messages_total{store="demo",platform="open"} 3
                kefu_messages_total{store="we\\"ird\\\\sto\\nre",platform="open"} 1
                """, m.render());
    }

    @Test
    void counterWithoutLabels() {
        Metrics m = new Metrics();
        Counter c = m.counter("kefu_turns_total", "Turns.");
        c.inc();
        c.inc();
        assertTrue(m.render().endsWith("kefu_turns_total 2\n"), m.render());
        assertThrows(IllegalArgumentException.class, () -> c.labels("unexpected"));
        assertThrows(IllegalArgumentException.class, () -> m.counter("x_total", "x", "store").labels());
    }

    @Test
    void histogramHasCumulativeBucketsInfSumAndCount() {
        Metrics m = new Metrics();
        Histogram h = m.histogram("kefu_turn_seconds", "Turn latency.", new double[] {0.005, 0.01, 0.1}, "store");
        Histogram.Child demo = h.labels("demo");
        demo.observe(0.001);
        demo.observe(0.005); // on the boundary: le is inclusive
        demo.observe(0.05);
        demo.observe(2);
        demo.observeNanos(7_000_000); // 7 ms
        assertEquals(5, demo.count());
        String text = m.render();
        assertEquals("""
                # HELP kefu_turn_seconds Turn latency.
                # TYPE kefu_turn_seconds histogram
                kefu_turn_seconds_bucket{store="demo",le="0.005"} 2
                kefu_turn_seconds_bucket{store="demo",le="0.01"} 3
                kefu_turn_seconds_bucket{store="demo",le="0.1"} 4
                kefu_turn_seconds_bucket{store="demo",le="+Inf"} 5
                """, text.substring(0, text.indexOf("kefu_turn_seconds_sum")));
        double sum = Double.parseDouble(line(text, "kefu_turn_seconds_sum{store=\"demo\"} "));
        assertEquals(0.001 + 0.005 + 0.05 + 2 + 0.007, sum, 1e-9);
        assertEquals("5", line(text, "kefu_turn_seconds_count{store=\"demo\"} "));
    }

    @Test
    void familiesAreSortedAndReRegisteringReturnsTheSameOne() {
        Metrics m = new Metrics();
        m.gauge("kefu_b_gauge", "B.", () -> 1.5);
        Counter a = m.counter("kefu_a_total", "A.");
        assertTrue(a == m.counter("kefu_a_total", "A."), "same family for the same name");
        a.inc();
        m.gauge("kefu_c_gauge", "C.", () -> 3);
        String text = m.render();
        List<String> types = text.lines().filter(l -> l.startsWith("# TYPE")).toList();
        assertEquals(List.of("# TYPE kefu_a_total counter", "# TYPE kefu_b_gauge gauge", "# TYPE kefu_c_gauge gauge"), types);
        assertTrue(text.contains("\nkefu_b_gauge 1.5\n"), text);
        assertTrue(text.contains("\nkefu_c_gauge 3\n"), text);
    }

    @Test
    void latencyBucketsFormatPlainly() {
        Metrics m = new Metrics();
        m.histogram("h_seconds", "h", Metrics.LATENCY_BUCKETS).labels().observe(0.0001);
        String text = m.render();
        assertTrue(text.contains("h_seconds_bucket{le=\"0.0005\"} 1\n"), text);
        assertTrue(text.contains("h_seconds_bucket{le=\"10\"} 1\n"), text);
        assertTrue(text.contains("h_seconds_bucket{le=\"2.5\"} 1\n"), text);
    }

    @Test
    void concurrentIncrementsAreNotLost() throws Exception {
        Metrics m = new Metrics();
        Counter c = m.counter("kefu_x_total", "x", "store");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int t = 0; t < 8; t++) {
            pool.execute(() -> {
                for (int i = 0; i < 10_000; i++) {
                    c.labels("demo").inc();
                }
            });
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        assertEquals(80_000, c.value("demo"));
    }

    private static String line(String text, String prefix) {
        return text.lines().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow(() -> new AssertionError(prefix + " in\n" + text))
                .substring(prefix.length());
    }
}

package io.kefu.handlers.metrics;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/** Observations in cumulative buckets (seconds), per label combination. */
public final class Histogram extends Metrics.Family {
    private final double[] buckets;
    private final String[] labelNames;
    private final Map<List<String>, Child> children = new ConcurrentHashMap<>();

    Histogram(String name, String help, double[] buckets, String[] labelNames) {
        super(name, help);
        this.buckets = buckets.clone();
        this.labelNames = labelNames.clone();
    }

    public Child labels(String... values) {
        if (values.length != labelNames.length) {
            throw new IllegalArgumentException(name + " takes labels " + String.join(",", labelNames));
        }
        return children.computeIfAbsent(List.of(values), k -> new Child(buckets.length));
    }

    @Override
    void render(StringBuilder sb) {
        header(sb, "histogram");
        for (Map.Entry<List<String>, Child> e : children.entrySet()) {
            Child c = e.getValue();
            long cumulative = 0;
            for (int i = 0; i < buckets.length; i++) {
                cumulative += c.counts[i].sum();
                sb.append(name).append("_bucket").append(Metrics.labelString(labelNames, e.getKey(), "le", Metrics.format(buckets[i])))
                        .append(' ').append(cumulative).append('\n');
            }
            long total = cumulative + c.counts[buckets.length].sum();
            sb.append(name).append("_bucket").append(Metrics.labelString(labelNames, e.getKey(), "le", "+Inf")).append(' ').append(total).append('\n');
            sb.append(name).append("_sum").append(Metrics.labelString(labelNames, e.getKey(), null, null)).append(' ').append(c.sum.sum()).append('\n');
            sb.append(name).append("_count").append(Metrics.labelString(labelNames, e.getKey(), null, null)).append(' ').append(total).append('\n');
        }
    }

    public final class Child {
        private final LongAdder[] counts;
        private final DoubleAdder sum = new DoubleAdder();

        Child(int n) {
            counts = new LongAdder[n + 1];
            for (int i = 0; i <= n; i++) {
                counts[i] = new LongAdder();
            }
        }

        public void observeNanos(long nanos) {
            observe(nanos / 1e9);
        }

        public void observe(double seconds) {
            int i = 0;
            while (i < buckets.length && seconds > buckets[i]) {
                i++;
            }
            counts[i].increment();
            sum.add(seconds);
        }

        public long count() {
            long n = 0;
            for (LongAdder a : counts) {
                n += a.sum();
            }
            return n;
        }
    }
}

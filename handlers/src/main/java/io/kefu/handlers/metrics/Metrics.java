package io.kefu.handlers.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;

/**
 * A small Prometheus registry: counters, gauges and histograms with labels, rendered in the text
 * exposition format. Hot paths hold on to the child ({@code counter(...).labels("demo")}) so an
 * increment is one {@link java.util.concurrent.atomic.LongAdder} add.
 */
public final class Metrics {
    private final Map<String, Family> families = new ConcurrentHashMap<>();

    public Counter counter(String name, String help, String... labelNames) {
        return (Counter) families.computeIfAbsent(name, n -> new Counter(n, help, labelNames));
    }

    public Histogram histogram(String name, String help, double[] bucketsSeconds, String... labelNames) {
        return (Histogram) families.computeIfAbsent(name, n -> new Histogram(n, help, bucketsSeconds, labelNames));
    }

    /** A gauge with labels, set explicitly ({@code gauges(...).labels("demo").set(1)}). */
    public LabeledGauge gauges(String name, String help, String... labelNames) {
        return (LabeledGauge) families.computeIfAbsent(name, n -> new LabeledGauge(n, help, labelNames));
    }

    public void gauge(String name, String help, DoubleSupplier value) {
        families.put(name, new Gauge(name, help, value));
    }

    /** The Prometheus text format (version 0.0.4). */
    public String render() {
        StringBuilder sb = new StringBuilder(4096);
        List<String> names = new ArrayList<>(families.keySet());
        names.sort(String::compareTo);
        for (String n : names) {
            families.get(n).render(sb);
        }
        return sb.toString();
    }

    /** Default latency buckets, in seconds: 0.5 ms to 10 s. */
    public static final double[] LATENCY_BUCKETS = {
        0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10
    };

    abstract static sealed class Family permits Counter, Histogram, Gauge, LabeledGauge {
        final String name;
        final String help;

        Family(String name, String help) {
            this.name = name;
            this.help = help;
        }

        abstract void render(StringBuilder sb);

        void header(StringBuilder sb, String type) {
            sb.append("# HELP ").append(name).append(' ').append(help.replace("\\", "\\\\").replace("\n", "\\n")).append('\n');
            sb.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        }
    }

    static String labelString(String[] names, List<String> values, String extraName, String extraValue) {
        if (names.length == 0 && extraName == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < names.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(names[i]).append("=\"").append(escape(values.get(i))).append('"');
        }
        if (extraName != null) {
            if (names.length > 0) {
                sb.append(',');
            }
            sb.append(extraName).append("=\"").append(extraValue).append('"');
        }
        return sb.append('}').toString();
    }

    static String escape(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    static final class Gauge extends Family {
        private final DoubleSupplier value;

        Gauge(String name, String help, DoubleSupplier value) {
            super(name, help);
            this.value = value;
        }

        @Override
        void render(StringBuilder sb) {
            header(sb, "gauge");
            sb.append(name).append(' ').append(format(value.getAsDouble())).append('\n');
        }
    }

    static String format(double d) {
        if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
}

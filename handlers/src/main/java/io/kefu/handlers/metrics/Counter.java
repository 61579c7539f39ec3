package io.kefu.handlers.metrics;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** A monotonically increasing count, per label combination. */
public final class Counter extends Metrics.Family {
    private final String[] labelNames;
    private final Map<List<String>, Child> children = new ConcurrentHashMap<>();

    Counter(String name, String help, String[] labelNames) {
        super(name, help);
        this.labelNames = labelNames.clone();
    }

    public Child labels(String... values) {
        if (values.length != labelNames.length) {
            throw new IllegalArgumentException(name + " takes labels " + String.join(",", labelNames));
        }
        return children.computeIfAbsent(List.of(values), k -> new Child());
    }

    public void inc() {
        labels().inc();
    }

    public long value(String... values) {
        Child c = children.get(List.of(values));
        return c == null ? 0 : c.adder.sum();
    }

    @Override
    void render(StringBuilder sb) {
        header(sb, "counter");
        children.entrySet().stream().sorted(Map.Entry.comparingByKey((a, b) -> String.join("\u0000", a).compareTo(String.join("\u0000", b))))
                .forEach(e -> sb.append(name).append(Metrics.labelString(labelNames, e.getKey(), null, null))
                        .append(' ').append(e.getValue().adder.sum()).append('\n'));
    }

    public static final class Child {
        private final LongAdder adder = new LongAdder();

        public void inc() {
            adder.increment();
        }

        public void add(long n) {
            adder.add(n);
        }

        public long value() {
            return adder.sum();
        }
    }
}

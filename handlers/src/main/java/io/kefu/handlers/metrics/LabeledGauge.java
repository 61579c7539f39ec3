package io.kefu.handlers.metrics;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A value that goes up and down, per label combination (e.g. a connection's state per channel). */
public final class LabeledGauge extends Metrics.Family {
    private final String[] labelNames;
    private final Map<List<String>, Child> children = new ConcurrentHashMap<>();

    LabeledGauge(String name, String help, String[] labelNames) {
        super(name, help);
        this.labelNames = labelNames.clone();
    }

    public Child labels(String... values) {
        if (values.length != labelNames.length) {
            throw new IllegalArgumentException(name + " takes labels " + String.join(",", labelNames));
        }
        return children.computeIfAbsent(List.of(values), k -> new Child());
    }

    /** Drops a label combination (e.g. a channel that was removed). */
    public void remove(String... values) {
        children.remove(List.of(values));
    }

    @Override
    void render(StringBuilder sb) {
        header(sb, "gauge");
        children.entrySet().stream()
                .sorted(Map.Entry.comparingByKey((a, b) -> String.join("\u0000", a).compareTo(String.join("\u0000", b))))
                .forEach(e -> sb.append(name).append(Metrics.labelString(labelNames, e.getKey(), null, null))
                        .append(' ').append(Metrics.format(e.getValue().value)).append('\n'));
    }

    public static final class Child {
        private volatile double value;

        public void set(double v) {
            value = v;
        }

        public double value() {
            return value;
        }
    }
}

package io.kefu.handlers.plugin.host;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * A plugin's failure record and circuit breaker: after {@code threshold} consecutive failures the
 * plugin is switched off for every store until an operator enables or reloads it.
 */
final class PluginHealth {
    private final int threshold;
    private final AtomicInteger consecutive = new AtomicInteger();
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    private volatile boolean switchedOff;
    private volatile String lastFailure = "";

    PluginHealth(int threshold) {
        this.threshold = threshold;
    }

    void success() {
        consecutive.set(0);
    }

    /** Records a failure; true when this one tripped the breaker. */
    synchronized boolean failure(String kind, String description) {
        failures.computeIfAbsent(kind, k -> new LongAdder()).increment();
        lastFailure = description;
        if (consecutive.incrementAndGet() >= threshold && !switchedOff) {
            switchedOff = true;
            return true;
        }
        return false;
    }

    synchronized void reset() {
        consecutive.set(0);
        switchedOff = false;
    }

    boolean switchedOff() {
        return switchedOff;
    }

    int consecutiveFailures() {
        return consecutive.get();
    }

    String lastFailure() {
        return lastFailure;
    }

    Map<String, Long> failureCounts() {
        Map<String, Long> m = new TreeMap<>();
        failures.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }
}

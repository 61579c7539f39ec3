package io.kefu.handlers.plugin;

/** Counters on {@code /metrics} as {@code kefu_plugin_events_total{plugin, store, event}}. */
public interface PluginMetrics {
    /** Event names: {@code [a-z0-9_]{1,64}}. */
    void increment(String storeId, String event);
}

package io.kefu.handlers.plugin;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A store's configuration for a plugin: flat string keys and values ({@code plugins.stores.<store>.<plugin>.config}). */
public final class PluginConfig {
    private static final PluginConfig EMPTY = new PluginConfig(Map.of());
    private final Map<String, String> values;

    public PluginConfig(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    public static PluginConfig empty() {
        return EMPTY;
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    public String get(String key, String defaultValue) {
        return values.getOrDefault(key, defaultValue);
    }

    /** @throws IllegalArgumentException naming the key when the value is not an integer */
    public int getInt(String key, int defaultValue) {
        String v = values.get(key);
        if (v == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("config key '" + key + "' must be an integer (got '" + v + "')");
        }
    }

    public boolean getBoolean(String key, boolean defaultValue) {
        String v = values.get(key);
        return v == null ? defaultValue : Boolean.parseBoolean(v.trim());
    }

    public Map<String, String> asMap() {
        return values;
    }

    @Override
    public String toString() {
        return new TreeMap<>(values).toString();
    }
}

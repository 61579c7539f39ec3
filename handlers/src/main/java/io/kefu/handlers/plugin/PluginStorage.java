package io.kefu.handlers.plugin;

import java.util.Optional;

/**
 * Durable key/value memory private to one plugin in one store (kept in kefu's Redis). A plugin
 * cannot name another store's or another plugin's storage. Keys: 1–200 characters.
 */
public interface PluginStorage {
    Optional<String> get(String key);

    void put(String key, String value);

    void delete(String key);

    /** Atomically adds {@code delta} and returns the new value (a missing key counts as 0). */
    long increment(String key, long delta);
}

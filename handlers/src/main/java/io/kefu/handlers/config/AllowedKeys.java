package io.kefu.handlers.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Set;

/**
 * The keys one mapping of the config may hold. Checked before any value is read, so that a
 * misspelt key is an error naming it rather than a setting silently left at its default.
 */
public record AllowedKeys(Set<String> keys) {
    public AllowedKeys {
        keys = Set.copyOf(keys);
    }

    public static AllowedKeys of(String... keys) {
        return new AllowedKeys(Set.of(keys));
    }

    /** Refuses {@code node}, found at key path {@code at}, unless it is a mapping holding allowed keys only. */
    public void check(JsonNode node, String at) {
        if (!node.isObject()) {
            throw new ConfigException("config", at, "must be a mapping");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!keys.contains(f)) {
                throw new ConfigException("config", at + "." + f, "unknown key (allowed here: " + String.join(", ", keys.stream().sorted().toList()) + ")");
            }
        }
    }
}

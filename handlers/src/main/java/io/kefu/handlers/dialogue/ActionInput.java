package io.kefu.handlers.dialogue;

import java.util.Map;
import java.util.Set;

/**
 * What an action may use: who asks, in which language, the flow's slots so far, and a key that is
 * the same when the same turn runs again (for idempotent ERP writes).
 */
public record ActionInput(String storeId, String buyerId, String idempotencyKey, String language, String text,
                          Map<String, String> slots, Set<String> orderStates) {
    public String slot(String name) {
        return slots.getOrDefault(name, "");
    }
}

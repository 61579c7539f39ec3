package io.kefu.handlers.dialogue;

import io.kefu.proto.v1.DialogueState;
import java.util.HashMap;
import java.util.Map;

/**
 * A flow's footprint in the conversation's {@link DialogueState}: {@code active_flow}, {@code flow_step}
 * and slots. The flow's own slots are stored as {@code flow.<name>}; bookkeeping under {@code _flow.*}.
 * Other slots (e.g. {@code order_amount}, read by the escalation policy) are left alone. Because it
 * all lives in the state, it is committed with the turn under the store's version check.
 */
final class FlowState {
    static final String SLOT = "flow.";
    static final String RETRIES = "_flow.retries";
    static final String PENDING = "_flow.pending";
    static final String CANDIDATES = "_flow.candidates";
    static final String SUSPENDED = "_flow.suspended";

    private final DialogueState.Builder s;

    FlowState(DialogueState.Builder s) {
        this.s = s;
    }

    boolean active() {
        return !s.getActiveFlow().isEmpty();
    }

    String flow() {
        return s.getActiveFlow();
    }

    String step() {
        return s.getFlowStep();
    }

    void at(String flow, String step) {
        s.setActiveFlow(flow).setFlowStep(step);
        s.removeSlots(RETRIES);
    }

    /** The flow's slots by their plain names, plus the conversation's other plain slots. */
    Map<String, String> slots() {
        Map<String, String> out = new HashMap<>();
        s.getSlotsMap().forEach((k, v) -> {
            if (k.startsWith(SLOT)) {
                out.put(k.substring(SLOT.length()), v);
            } else if (!k.startsWith("_")) {
                out.putIfAbsent(k, v);
            }
        });
        return out;
    }

    String slot(String name) {
        return s.getSlotsOrDefault(SLOT + name, "");
    }

    void slot(String name, String value) {
        s.putSlots(SLOT + name, value);
    }

    void putAll(Map<String, String> values) {
        values.forEach(this::slot);
    }

    String meta(String key) {
        return s.getSlotsOrDefault(key, "");
    }

    void meta(String key, String value) {
        if (value == null || value.isEmpty()) {
            s.removeSlots(key);
        } else {
            s.putSlots(key, value);
        }
    }

    int retries() {
        return Integer.parseInt(s.getSlotsOrDefault(RETRIES, "0"));
    }

    void retries(int n) {
        s.putSlots(RETRIES, Integer.toString(n));
    }

    /** Forgets the active flow and its slots (a suspended flow stays). */
    void clear() {
        s.setActiveFlow("").setFlowStep("");
        for (String k : s.getSlotsMap().keySet().toArray(String[]::new)) {
            if (k.startsWith(SLOT) || (k.startsWith("_flow.") && !k.equals(SUSPENDED))) {
                s.removeSlots(k);
            }
        }
    }

    /** The flow's slots in raw form, to park them while another flow runs. */
    Map<String, String> raw() {
        Map<String, String> out = new HashMap<>();
        s.getSlotsMap().forEach((k, v) -> {
            if (k.startsWith(SLOT)) {
                out.put(k, v);
            }
        });
        return out;
    }

    void restore(Map<String, String> raw) {
        s.putAllSlots(raw);
    }
}

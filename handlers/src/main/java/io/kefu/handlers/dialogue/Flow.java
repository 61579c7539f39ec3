package io.kefu.handlers.dialogue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A multi-turn conversation a store wants to finish: started by any of its {@code triggers}
 * (intent names), walked step by step with its state in the conversation's DialogueState.
 */
public record Flow(String name, List<String> triggers, List<Step> steps, Map<String, Integer> index,
                   Localized resume, String source) {

    public Optional<Step> step(String id) {
        Integer i = index.get(id);
        return i == null ? Optional.empty() : Optional.of(steps.get(i));
    }

    /** The step after {@code s}: its {@code next}, else the one below it; empty at the end. */
    public Optional<Step> after(Step s) {
        if (s.next() != null) {
            return Step.END.equals(s.next()) ? Optional.empty() : step(s.next());
        }
        int i = index.get(s.id()) + 1;
        return i < steps.size() ? Optional.of(steps.get(i)) : Optional.empty();
    }

    public Step first() {
        return steps.get(0);
    }
}

package io.kefu.handlers.dialogue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One step of a flow. {@code next} names the step that follows ({@code null}: the one below it in
 * the file; {@code "end"}: the flow is done). {@code line} is where it was written, for errors.
 */
public sealed interface Step {
    String END = "end";

    String id();

    String next();

    int line();

    /**
     * Fills {@code slot} from the buyer's text: an entity of type {@code entity}, a match of
     * {@code pattern} (group 1 if it has one), one of {@code choices}, or any text at all when
     * neither is given. With {@code fromOrders} and no order id in the text, the buyer's orders in
     * those states are looked up: one is taken, several are offered as quick replies.
     */
    record Ask(String id, String slot, String entity, Pattern pattern, List<String> choices, Set<String> fromOrders,
               boolean optional, Localized prompt, Localized invalid, int retries, String next, int line) implements Step {}

    /** A yes/no question; yes goes to {@code next}, no to {@code onNo}. */
    record Confirm(String id, Localized prompt, String onNo, String next, int line) implements Step {}

    /** Runs a named action (usually an ERP call); its outcome picks the next step from {@code on}. */
    record Call(String id, String action, Map<String, String> on, String next, int line) implements Step {}

    record Say(String id, Localized text, String next, int line) implements Step {}

    /** Goes to {@code cases[slot value]}, else {@code otherwise}, else the next step. */
    record Branch(String id, String slot, Map<String, String> cases, String otherwise, String next, int line) implements Step {}

    /** Calls a person (an escalation reason of the store's handoff rules) and ends the flow. */
    record Handoff(String id, String reason, Localized text, String next, int line) implements Step {}
}

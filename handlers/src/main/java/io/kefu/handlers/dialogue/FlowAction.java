package io.kefu.handlers.dialogue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kefu.handlers.erp.ErpException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Work a flow's {@code call} step does — usually an ERP request. {@link #start} may take long: the
 * engine waits up to the ERP time budget, then sends a holding reply and finishes the step when the
 * answer arrives (possibly on another node, after a restart). So everything the step needs later
 * must be in the answer: {@link #interpret} gets the answer, the input and the slots to write, and
 * returns the outcome that picks the next step.
 */
public interface FlowAction {
    CompletableFuture<JsonNode> start(ActionInput in);

    String interpret(JsonNode answer, ActionInput in, Map<String, String> slots);

    /** The outcome of a business refusal from the ERP; by default 40401 is {@code not_found}. */
    default String refused(ErpException e, ActionInput in, Map<String, String> slots) {
        return e.code() == 40401 ? "not_found" : "refused";
    }
}

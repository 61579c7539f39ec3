package io.kefu.handlers.testing;

import io.kefu.nlp.IntentClassifier;
import io.kefu.nlp.Prediction;
import java.util.List;
import java.util.Map;

/**
 * A classifier whose answers are a lookup table (text → intent, confidence), for tests of the
 * dialogue and escalation logic that must not depend on what a trained model happens to think.
 * Unknown text is a fallback.
 */
public final class FixedClassifier implements IntentClassifier {
    private final Map<String, Prediction> answers;

    public FixedClassifier(Map<String, String> textToIntent) {
        this.answers = textToIntent.entrySet().stream().collect(java.util.stream.Collectors.toUnmodifiableMap(
                Map.Entry::getKey,
                e -> new Prediction(e.getValue(), 0.95, List.of(new Prediction.ScoredIntent(e.getValue(), 0.95),
                        new Prediction.ScoredIntent("out_of_scope", 0.01)), false)));
    }

    @Override
    public Prediction classify(String text) {
        Prediction p = answers.get(text);
        if (p != null) {
            return p;
        }
        return new Prediction("out_of_scope", 0.12, List.of(new Prediction.ScoredIntent("out_of_scope", 0.12),
                new Prediction.ScoredIntent("greeting", 0.10)), true);
    }

    @Override
    public String modelId() {
        return "fixed-test-model";
    }
}

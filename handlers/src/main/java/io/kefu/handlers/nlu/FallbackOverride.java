package io.kefu.handlers.nlu;

import io.kefu.nlp.IntentClassifier;
import io.kefu.nlp.Prediction;

/**
 * Applies a store operator's own fallback threshold / margin (from {@code nlu.threshold} and
 * {@code nlu.margin}) instead of the ones tuned into the model.
 */
public final class FallbackOverride implements IntentClassifier {
    private final IntentClassifier model;
    private final Double threshold;
    private final Double margin;

    public FallbackOverride(IntentClassifier model, Double threshold, Double margin) {
        this.model = model;
        this.threshold = threshold;
        this.margin = margin;
    }

    public static IntentClassifier wrap(IntentClassifier model, Double threshold, Double margin) {
        return threshold == null && margin == null ? model : new FallbackOverride(model, threshold, margin);
    }

    @Override
    public Prediction classify(String text) {
        Prediction p = model.classify(text);
        boolean lowConfidence = threshold != null ? p.confidence() < threshold : p.fallback();
        boolean ambiguous = margin != null && p.ranking().size() > 1 && p.margin() < margin;
        boolean fallback = threshold != null || margin != null ? lowConfidence || ambiguous : p.fallback();
        return new Prediction(p.intent(), p.confidence(), p.ranking(), fallback);
    }

    @Override
    public String modelId() {
        return model.modelId();
    }
}

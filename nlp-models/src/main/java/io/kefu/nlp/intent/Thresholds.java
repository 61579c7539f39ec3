package io.kefu.nlp.intent;

/**
 * The numbers that turn tier probabilities into a decision; tuned on validation data and stored
 * with the model.
 *
 * @param fallback        below this top-1 probability the model does not know
 * @param margin          below this top-1 − top-2 gap the model does not know
 * @param cascade         the n-gram tier answers alone when its top-1 reaches this
 * @param blendWeight     weight of the embedding tier in the blend (1 − weight for the n-gram tier)
 */
public record Thresholds(double fallback, double margin, double cascade, double blendWeight) {

    /** Probabilities exactly at a limit answer; floating-point noise must not decide that. */
    private static final double EPSILON = 1e-9;

    public static Thresholds defaults() {
        return new Thresholds(0.3, 0.1, 0.9, 0.7);
    }

    public Thresholds withFallback(double fallback, double margin) {
        return new Thresholds(fallback, margin, cascade, blendWeight);
    }

    public boolean isFallback(double top1, double top2) {
        return top1 < fallback - EPSILON || top1 - top2 < margin - EPSILON;
    }
}

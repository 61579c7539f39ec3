package io.kefu.nlp.intent;

/**
 * Both tiers' probabilities for every validation example, computed once so that tuning can try
 * hundreds of threshold combinations without touching a model again.
 *
 * @param gold     label index per example, or -1 when the example is out of scope for this model
 * @param fast     n-gram tier probabilities per example
 * @param accurate embedding tier probabilities per example (null for a fast-only model)
 * @param oosLabel index of the model's own out-of-scope label, or -1
 */
public record ScoreTable(int[] gold, double[][] fast, double[][] accurate, int oosLabel) {

    public int size() {
        return gold.length;
    }

    public boolean isOutOfScope(int i) {
        return gold[i] < 0 || gold[i] == oosLabel;
    }

    public boolean hasOutOfScope() {
        for (int i = 0; i < gold.length; i++) if (isOutOfScope(i)) return true;
        return false;
    }

    /** Final probabilities of example i under a mode and thresholds. */
    public double[] probabilities(int i, Mode mode, Thresholds t) {
        return switch (mode) {
            case FAST -> fast[i];
            case ACCURATE -> Blend.mix(fast[i], accurate[i], t.blendWeight());
            case CASCADE -> Blend.max(fast[i]) >= t.cascade() ? fast[i] : Blend.mix(fast[i], accurate[i], t.blendWeight());
        };
    }

    /** Top-1 accuracy over in-scope examples (fallback ignored). */
    public double accuracy(Mode mode, Thresholds t) {
        int correct = 0, n = 0;
        for (int i = 0; i < gold.length; i++) {
            if (gold[i] < 0) continue;
            n++;
            if (Blend.argmax(probabilities(i, mode, t)) == gold[i]) correct++;
        }
        return n == 0 ? 0 : (double) correct / n;
    }

    /** Share of examples the cascade leaves to the n-gram tier alone. */
    public double fastShare(Thresholds t) {
        int fastOnly = 0;
        for (double[] p : fast) if (Blend.max(p) >= t.cascade()) fastOnly++;
        return gold.length == 0 ? 0 : (double) fastOnly / gold.length;
    }
}

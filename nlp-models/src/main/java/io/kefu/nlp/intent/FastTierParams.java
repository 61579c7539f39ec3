package io.kefu.nlp.intent;

/**
 * OpenNLP training parameters. Cutoff 1 because our per-intent data is small (OpenNLP's default 5
 * throws away most bigrams); MAXENT_QN (L-BFGS with L2) measured 3–4 points above GIS MAXENT.
 */
public record FastTierParams(String algorithm, int iterations, int cutoff, double l2, int memory) {

    public static FastTierParams defaults() {
        return new FastTierParams("MAXENT_QN", 150, 1, 0.5, 5);
    }
}

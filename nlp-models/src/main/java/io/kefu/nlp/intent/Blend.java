package io.kefu.nlp.intent;

/** How the two tiers' probabilities become one distribution: the one place both training and serving use. */
public final class Blend {

    private Blend() {}

    /** Floor for a probability before its logarithm: a label the n-gram tier never saw must not veto the blend. */
    static final double FLOOR = 1e-12;

    /**
     * Log-linear (geometric) blend: p ∝ accurate^w · fast^(1−w), renormalised. Measured on the validation
     * splits of Banking77, SMP2017 and the e-commerce data it matches or beats the linear mix
     * w·accurate + (1−w)·fast; a confident wrong tier is damped more and agreement rewarded more.
     */
    public static double[] mix(double[] fast, double[] accurate, double accurateWeight) {
        return logLinear(new double[][] {fast, accurate}, new double[] {1 - accurateWeight, accurateWeight});
    }

    /** Log-linear mix of several distributions: p ∝ Π parts[m]^weights[m], renormalised (a part of weight 0 is not read and may be null). */
    public static double[] logLinear(double[][] parts, double[] weights) {
        double[] out = new double[parts[0].length];
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < out.length; k++) {
            double s = 0;
            for (int m = 0; m < parts.length; m++) if (weights[m] != 0) s += weights[m] * Math.log(Math.max(parts[m][k], FLOOR));
            out[k] = s;
            max = Math.max(max, s);
        }
        double sum = 0;
        for (int k = 0; k < out.length; k++) {
            out[k] = Math.exp(out[k] - max);
            sum += out[k];
        }
        for (int k = 0; k < out.length; k++) out[k] /= sum;
        return out;
    }

    /** The linear mix w·accurate + (1−w)·fast (kept for comparison in benchmarks). */
    public static double[] linear(double[] fast, double[] accurate, double accurateWeight) {
        double[] out = new double[fast.length];
        for (int k = 0; k < out.length; k++) out[k] = accurateWeight * accurate[k] + (1 - accurateWeight) * fast[k];
        return out;
    }

    public static int argmax(double[] p) {
        int best = 0;
        for (int k = 1; k < p.length; k++) if (p[k] > p[best]) best = k;
        return best;
    }

    public static double max(double[] p) {
        return p[argmax(p)];
    }

    /** Second-highest value (0 for a single class). */
    public static double second(double[] p) {
        int top = argmax(p);
        double s = 0;
        for (int k = 0; k < p.length; k++) if (k != top && p[k] > s) s = p[k];
        return s;
    }
}

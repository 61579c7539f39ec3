package io.kefu.nlp.intent;

/** How the two tiers' probabilities become one distribution: the one place both training and serving use. */
public final class Blend {

    private Blend() {}

    public static double[] mix(double[] fast, double[] accurate, double accurateWeight) {
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

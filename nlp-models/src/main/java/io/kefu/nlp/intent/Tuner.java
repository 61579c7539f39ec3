package io.kefu.nlp.intent;

/**
 * Picks blend weight, cascade threshold and fallback threshold/margin on validation data.
 * Grid search: the table is small and the objective is not smooth, so nothing cleverer pays.
 */
public final class Tuner {

    /** Cascade may give up at most this much validation accuracy against always blending, to stay fast. */
    static final double CASCADE_TOLERANCE = 0.002;

    private Tuner() {}

    public static Thresholds tune(ScoreTable table, Mode mode, Thresholds start) {
        Thresholds t = start;
        if (mode.usesEmbeddings()) {
            t = tuneBlend(table, t);
            if (mode == Mode.CASCADE) t = tuneCascade(table, t);
        }
        return tuneFallback(table, mode, t);
    }

    static Thresholds tuneBlend(ScoreTable table, Thresholds t) {
        double bestWeight = t.blendWeight();
        double best = -1;
        for (int step = 0; step <= 20; step++) {
            double w = step / 20.0;
            double acc = table.accuracy(Mode.ACCURATE, new Thresholds(t.fallback(), t.margin(), t.cascade(), w));
            // ties go to the weight nearer the prior 0.7: flat regions are noise on small validation sets
            if (acc > best + 1e-9 || (Math.abs(acc - best) <= 1e-9 && Math.abs(w - 0.7) < Math.abs(bestWeight - 0.7))) {
                best = acc;
                bestWeight = w;
            }
        }
        return new Thresholds(t.fallback(), t.margin(), t.cascade(), bestWeight);
    }

    static Thresholds tuneCascade(ScoreTable table, Thresholds t) {
        double blended = table.accuracy(Mode.ACCURATE, t);
        double[] candidates = {0.3, 0.4, 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.93, 0.95, 0.97, 0.99, 1.01};
        for (double c : candidates) {
            Thresholds candidate = new Thresholds(t.fallback(), t.margin(), c, t.blendWeight());
            if (table.accuracy(Mode.CASCADE, candidate) >= blended - CASCADE_TOLERANCE) return candidate;
        }
        return new Thresholds(t.fallback(), t.margin(), 1.01, t.blendWeight());
    }

    /**
     * With out-of-scope examples of unknown labels: maximise the mean of in-scope accuracy (a fallback counts as
     * wrong) and out-of-scope recall. Without: maximise answers that are right plus refusals that
     * avoided a wrong answer, i.e. a wrong answer costs as much as an unnecessary hand-off.
     */
    static Thresholds tuneFallback(ScoreTable table, Mode mode, Thresholds t) {
        int n = table.size();
        double[] top1 = new double[n];
        double[] top2 = new double[n];
        int[] predicted = new int[n];
        for (int i = 0; i < n; i++) {
            double[] p = table.probabilities(i, mode, t);
            predicted[i] = Blend.argmax(p);
            top1[i] = p[predicted[i]];
            top2[i] = Blend.second(p);
        }
        // Balanced OOS objective only when out-of-scope examples are labels the model never saw
        // (Banking77-OOS style). When OOS is a trained intent (the default model's out_of_scope),
        // it is one intent among many and the selective objective, which credits predicting it, fits.
        boolean withOos = table.hasOutOfScope() && table.oosLabel() < 0;
        double best = -1;
        Thresholds bestT = t;
        for (int a = 0; a <= 18; a++) {
            double threshold = a * 0.05;
            for (int b = 0; b <= 15; b++) {
                double margin = b * 0.02;
                Thresholds candidate = t.withFallback(threshold, margin);
                double score = withOos ? oosObjective(table, candidate, predicted, top1, top2)
                        : selectiveObjective(table, candidate, predicted, top1, top2);
                double distance = Math.abs(threshold - 0.3) + Math.abs(margin - 0.1);
                double bestDistance = Math.abs(bestT.fallback() - 0.3) + Math.abs(bestT.margin() - 0.1);
                if (score > best + 1e-9 || (Math.abs(score - best) <= 1e-9 && distance < bestDistance)) {
                    best = score;
                    bestT = candidate;
                }
            }
        }
        return bestT;
    }

    private static double oosObjective(ScoreTable table, Thresholds t, int[] predicted, double[] top1, double[] top2) {
        int inScope = 0, inScopeRight = 0, oos = 0, oosCaught = 0;
        for (int i = 0; i < table.size(); i++) {
            boolean fallback = t.isFallback(top1[i], top2[i]);
            if (table.isOutOfScope(i)) {
                oos++;
                if (fallback || (table.oosLabel() >= 0 && predicted[i] == table.oosLabel())) oosCaught++;
            } else {
                inScope++;
                if (!fallback && predicted[i] == table.gold()[i]) inScopeRight++;
            }
        }
        return 0.5 * (inScope == 0 ? 0 : (double) inScopeRight / inScope) + 0.5 * (oos == 0 ? 0 : (double) oosCaught / oos);
    }

    private static double selectiveObjective(ScoreTable table, Thresholds t, int[] predicted, double[] top1, double[] top2) {
        int good = 0;
        for (int i = 0; i < table.size(); i++) {
            boolean fallback = t.isFallback(top1[i], top2[i]);
            if (table.isOutOfScope(i)) {
                if (fallback || predicted[i] == table.gold()[i]) good++;
            } else if ((predicted[i] == table.gold()[i]) != fallback) {
                good++;
            }
        }
        return (double) good / table.size();
    }
}

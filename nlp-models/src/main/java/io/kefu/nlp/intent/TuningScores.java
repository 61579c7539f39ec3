package io.kefu.nlp.intent;

import java.util.ArrayList;
import java.util.List;

/**
 * Every tier's probabilities for the examples tuning looks at, each computed by models that never saw
 * that example: the n-gram tier, the softmax head trained with either label-smoothing choice, and the
 * nearest-neighbour vote over the fit examples, and the linear discriminant's raw scores. From these the
 * trainer picks the smoothing, the vote and discriminant weights, the discriminant's temperature and the
 * thresholds without touching a model again. Scores from several folds concatenate, so
 * K-fold tuning sees every training example once.
 *
 * @param gold    label index per example (-1 = out of scope for the model)
 * @param fast    n-gram tier probabilities
 * @param heads   softmax-head probabilities per smoothing choice (empty for a fast-only model)
 * @param vote    nearest-neighbour vote (null for a fast-only model)
 * @param discriminant linear-discriminant scores before temperature (null for a fast-only model)
 * @param oos     index of the model's own out-of-scope label, or -1
 */
record TuningScores(int[] gold, double[][] fast, List<double[][]> heads, double[][] vote, double[][] discriminant, int oos) {

    int size() {
        return gold.length;
    }

    boolean hasHead() {
        return !heads.isEmpty();
    }

    /**
     * The score table of head choice {@code head} with the vote mixed in at weight {@code v} and the
     * discriminant's probabilities {@code lda} ({@link #discriminantProbabilities}) at weight {@code u}:
     * p ∝ softmax^(1−v−u) · vote^v · lda^u.
     */
    ScoreTable table(int head, double v, double u, double[][] lda) {
        if (!hasHead()) return new ScoreTable(gold, fast, null, oos);
        double[][] h = heads.get(head);
        double[][] accurate = new double[h.length][];
        for (int i = 0; i < h.length; i++) accurate[i] = SoftmaxHead.combine(h[i], vote[i], v, u <= 0 ? null : lda[i], u);
        return new ScoreTable(gold, fast, accurate, oos);
    }

    ScoreTable table(int head, double v) {
        return table(head, v, 0, null);
    }

    /** softmax(discriminant scores / temperature) per example: computed once, then mixed in by every {@link #table} tried. */
    double[][] discriminantProbabilities(double temperature) {
        double[][] p = new double[size()][];
        for (int i = 0; i < p.length; i++) p[i] = DiscriminantHead.softmax(discriminant[i], temperature);
        return p;
    }

    /** Mean negative log-likelihood of the gold labels under the discriminant's probabilities {@code lda}. */
    double logLoss(double[][] lda) {
        double total = 0;
        int n = 0;
        for (int i = 0; i < size(); i++) {
            if (gold[i] < 0) continue;
            total -= Math.log(Math.max(lda[i][gold[i]], Blend.FLOOR));
            n++;
        }
        return n == 0 ? 0 : total / n;
    }

    static TuningScores concat(List<TuningScores> parts) {
        int n = 0;
        for (TuningScores p : parts) n += p.size();
        int[] gold = new int[n];
        double[][] fast = new double[n][];
        int headCount = parts.get(0).heads.size();
        List<double[][]> heads = new ArrayList<>();
        for (int h = 0; h < headCount; h++) heads.add(new double[n][]);
        double[][] vote = parts.get(0).vote == null ? null : new double[n][];
        double[][] discriminant = parts.get(0).discriminant == null ? null : new double[n][];
        int at = 0;
        for (TuningScores p : parts) {
            System.arraycopy(p.gold, 0, gold, at, p.size());
            System.arraycopy(p.fast, 0, fast, at, p.size());
            for (int h = 0; h < headCount; h++) System.arraycopy(p.heads.get(h), 0, heads.get(h), at, p.size());
            if (vote != null) System.arraycopy(p.vote, 0, vote, at, p.size());
            if (discriminant != null) System.arraycopy(p.discriminant, 0, discriminant, at, p.size());
            at += p.size();
        }
        return new TuningScores(gold, fast, heads, vote, discriminant, parts.get(0).oos);
    }
}

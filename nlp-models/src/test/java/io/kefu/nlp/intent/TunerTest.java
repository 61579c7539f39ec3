package io.kefu.nlp.intent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TunerTest {

    @Test
    void fallbackOnLowConfidenceOrSmallMargin() {
        Thresholds t = Thresholds.defaults();
        assertTrue(t.isFallback(0.29, 0.0), "below threshold 0.3");
        assertTrue(t.isFallback(0.45, 0.40), "margin 0.05 below 0.1");
        assertFalse(t.isFallback(0.6, 0.2));
        assertFalse(t.isFallback(0.3, 0.2), "exactly at both limits answers");
    }

    @Test
    void blendWeightFollowsTheBetterTier() {
        // fast tier always wrong (puts 0.6 on class 1), embedding tier right but less sure: the blend must lean on it
        int n = 10;
        int[] gold = new int[n];
        double[][] fast = new double[n][];
        double[][] acc = new double[n][];
        for (int i = 0; i < n; i++) {
            fast[i] = new double[] {0.4, 0.6};
            acc[i] = new double[] {0.55, 0.45};
        }
        ScoreTable table = new ScoreTable(gold, fast, acc, -1);
        Thresholds t = Tuner.tuneBlend(table, Thresholds.defaults());
        assertEquals(1.0, table.accuracy(Mode.ACCURATE, t), 1e-9);
        assertTrue(t.blendWeight() > 0.5);
    }

    @Test
    void cascadeLetsTheFastTierAnswerWhenItIsSureAndRight() {
        int[] gold = {0, 1, 0, 1};
        double[][] fast = {{0.99, 0.01}, {0.02, 0.98}, {0.45, 0.55}, {0.55, 0.45}};
        double[][] acc = {{0.9, 0.1}, {0.1, 0.9}, {0.8, 0.2}, {0.3, 0.7}};
        ScoreTable table = new ScoreTable(gold, fast, acc, -1);
        Thresholds t = Tuner.tuneCascade(table, new Thresholds(0.3, 0.1, 0.9, 1.0));
        assertEquals(1.0, table.accuracy(Mode.CASCADE, t), 1e-9);
        assertEquals(0.5, table.fastShare(t), 1e-9);
    }

    @Test
    void fallbackTunedToCatchOutOfScopeExamples() {
        // gold -1 = label unknown to the model: the tuned threshold must reject those (top-1 0.4) and keep in-scope ones (0.8+)
        int[] gold = {0, 1, 0, 1, -1, -1, -1};
        double[][] fast = {{0.9, 0.1}, {0.15, 0.85}, {0.8, 0.2}, {0.1, 0.9}, {0.4, 0.6}, {0.55, 0.45}, {0.6, 0.4}};
        ScoreTable table = new ScoreTable(gold, fast, null, -1);
        Thresholds t = Tuner.tune(table, Mode.FAST, Thresholds.defaults());
        for (int i = 0; i < gold.length; i++) {
            double[] p = fast[i];
            assertEquals(gold[i] < 0, t.isFallback(Blend.max(p), Blend.second(p)), "example " + i + " with " + t);
        }
    }

    @Test
    void withoutOutOfScopeDataTheThresholdsStayNearTheDefaultsWhenNothingIsGained() {
        int[] gold = {0, 1, 0, 1};
        double[][] fast = {{0.9, 0.1}, {0.1, 0.9}, {0.95, 0.05}, {0.2, 0.8}};
        Thresholds t = Tuner.tune(new ScoreTable(gold, fast, null, -1), Mode.FAST, Thresholds.defaults());
        assertEquals(0.3, t.fallback(), 1e-9);
        assertEquals(0.1, t.margin(), 1e-9);
    }
}

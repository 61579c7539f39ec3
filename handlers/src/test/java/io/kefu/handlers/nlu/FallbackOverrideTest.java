package io.kefu.handlers.nlu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kefu.nlp.IntentClassifier;
import io.kefu.nlp.Prediction;
import java.util.List;
import org.junit.jupiter.api.Test;

class FallbackOverrideTest {
    /** Answers one fixed prediction, whatever the text. */
    private static IntentClassifier model(double top1, double top2, boolean fallback) {
        Prediction p = new Prediction("order_status", top1, List.of(new Prediction.ScoredIntent("order_status", top1),
                new Prediction.ScoredIntent("logistics_tracking", top2)), fallback);
        return new IntentClassifier() {
            @Override
            public Prediction classify(String text) {
                return p;
            }

            @Override
            public String modelId() {
                return "m-1";
            }
        };
    }

    @Test
    void noOverrideReturnsTheModelItself() {
        IntentClassifier m = model(0.5, 0.1, false);
        assertSame(m, FallbackOverride.wrap(m, null, null));
    }

    @Test
    void thresholdReplacesTheModelsOwnDecision() {
        // the model was sure; the operator wants more
        assertTrue(FallbackOverride.wrap(model(0.55, 0.1, false), 0.6, null).classify("x").fallback());
        // the model was unsure; the operator accepts less
        assertFalse(FallbackOverride.wrap(model(0.55, 0.1, true), 0.5, null).classify("x").fallback());
        assertFalse(FallbackOverride.wrap(model(0.6, 0.1, true), 0.6, null).classify("x").fallback(), "at the threshold is enough");
    }

    @Test
    void marginMakesCloseCallsFallbacks() {
        IntentClassifier close = FallbackOverride.wrap(model(0.45, 0.40, false), null, 0.1);
        assertTrue(close.classify("x").fallback());
        assertFalse(FallbackOverride.wrap(model(0.6, 0.40, false), null, 0.1).classify("x").fallback());
        // with only a margin set, the model's own low-confidence verdict still counts
        assertTrue(FallbackOverride.wrap(model(0.2, 0.01, true), null, 0.1).classify("x").fallback());
        // both: either reason is enough
        assertTrue(FallbackOverride.wrap(model(0.9, 0.85, false), 0.5, 0.1).classify("x").fallback());
    }

    @Test
    void keepsEverythingElse() {
        Prediction p = FallbackOverride.wrap(model(0.7, 0.2, false), 0.9, null).classify("x");
        assertEquals("order_status", p.intent(), "top-1 is kept so reports show what the model leaned towards");
        assertEquals(0.7, p.confidence());
        assertEquals(2, p.ranking().size());
        assertEquals("m-1", FallbackOverride.wrap(model(0.7, 0.2, false), 0.9, null).modelId());
    }
}

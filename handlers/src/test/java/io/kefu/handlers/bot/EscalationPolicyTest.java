package io.kefu.handlers.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kefu.nlp.Prediction;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EscalationPolicyTest {
    private static Prediction understood(String intent) {
        return new Prediction(intent, 0.9, List.of(new Prediction.ScoredIntent(intent, 0.9)), false);
    }

    private static final Prediction NOT_UNDERSTOOD =
            new Prediction("human_agent", 0.2, List.of(new Prediction.ScoredIntent("human_agent", 0.2)), true);

    @Test
    void askingForAPersonEscalatesAtOnce() {
        assertEquals(Optional.of("explicit_request"), new EscalationPolicy(3).reason(understood("human_agent"), 0));
        assertTrue(new EscalationPolicy(3).reason(understood("greeting"), 0).isEmpty());
    }

    @Test
    void aFallbackIsNeverAnExplicitRequestEvenIfTheTopGuessIsHumanAgent() {
        EscalationPolicy p = new EscalationPolicy(3);
        assertTrue(p.reason(NOT_UNDERSTOOD, 1).isEmpty());
        assertTrue(p.reason(NOT_UNDERSTOOD, 2).isEmpty());
        assertEquals(Optional.of("low_confidence"), p.reason(NOT_UNDERSTOOD, 3));
        assertEquals(Optional.of("low_confidence"), p.reason(NOT_UNDERSTOOD, 4));
    }

    @Test
    void explicitRequestsJumpTheQueue() {
        EscalationPolicy p = new EscalationPolicy(2);
        assertTrue(p.priority("explicit_request") > p.priority("low_confidence"));
    }

    @Test
    void atLeastOneFallback() {
        assertThrows(IllegalArgumentException.class, () -> new EscalationPolicy(0));
        assertEquals(Optional.of("low_confidence"), new EscalationPolicy(1).reason(NOT_UNDERSTOOD, 1));
    }
}

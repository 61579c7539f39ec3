package io.kefu.handlers.bot;

import io.kefu.nlp.Prediction;
import java.util.Optional;

/**
 * When the bot should stop answering and call a person. The spine knows two reasons: the buyer
 * asks for one, or the bot failed to understand several messages in a row.
 */
public final class EscalationPolicy {
    public static final String HUMAN_AGENT_INTENT = "human_agent";
    public static final String EXPLICIT_REQUEST = "explicit_request";
    public static final String LOW_CONFIDENCE = "low_confidence";

    private final int fallbacksBeforeHandoff;

    public EscalationPolicy(int fallbacksBeforeHandoff) {
        if (fallbacksBeforeHandoff < 1) {
            throw new IllegalArgumentException("fallbacksBeforeHandoff must be at least 1");
        }
        this.fallbacksBeforeHandoff = fallbacksBeforeHandoff;
    }

    /** The reason to escalate this turn, if any. Call after the fallback counter was updated. */
    public Optional<String> reason(Prediction p, int consecutiveFallbacks) {
        if (p.fallback()) {
            return consecutiveFallbacks >= fallbacksBeforeHandoff ? Optional.of(LOW_CONFIDENCE) : Optional.empty();
        }
        return HUMAN_AGENT_INTENT.equals(p.intent()) ? Optional.of(EXPLICIT_REQUEST) : Optional.empty();
    }

    /** Explicit requests jump ahead of "the bot is confused". */
    public int priority(String reason) {
        return EXPLICIT_REQUEST.equals(reason) ? 2 : 1;
    }
}

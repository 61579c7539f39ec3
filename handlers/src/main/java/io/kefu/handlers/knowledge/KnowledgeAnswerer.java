package io.kefu.handlers.knowledge;

import io.kefu.handlers.dialogue.Answerer;
import io.kefu.nlp.Prediction;
import java.util.Optional;
import java.util.Set;

/**
 * Lets the knowledge base answer what the model did not understand, and the intents whose answer is
 * a fact of the store (shipping times, couriers, product questions…), instead of a canned template.
 */
public final class KnowledgeAnswerer implements Answerer {
    /** Intents that are questions about the store's facts: the knowledge base knows better than a template. */
    public static final Set<String> FACT_INTENTS = Set.of("product_inquiry", "usage_help", "shipping_time", "shipping_courier",
            "membership", "payment_issue", "out_of_scope");

    private final KnowledgeBase kb;

    public KnowledgeAnswerer(KnowledgeBase kb) {
        this.kb = kb;
    }

    @Override
    public Optional<String> answer(String storeId, String text, String language, Prediction p) {
        if (p != null && !p.fallback() && !FACT_INTENTS.contains(p.intent())) {
            return Optional.empty();
        }
        return kb.answer(storeId, text, language);
    }
}

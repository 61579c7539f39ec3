package io.kefu.handlers.dialogue;

import io.kefu.nlp.Prediction;
import java.util.Optional;

/** Answers a question outside any flow from somewhere else (the knowledge base), or declines. */
@FunctionalInterface
public interface Answerer {
    Optional<String> answer(String storeId, String text, String language, Prediction prediction);

    Answerer NONE = (store, text, language, p) -> Optional.empty();
}

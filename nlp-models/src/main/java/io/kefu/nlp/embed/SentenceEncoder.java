package io.kefu.nlp.embed;

import java.util.List;

/** Text → fixed-length vector. Implementations are thread-safe. */
public interface SentenceEncoder {

    /** Stable name stored in models, e.g. {@code minilm-l6-v2-q}. */
    String id();

    int dimension();

    float[] embed(String text);

    /** Many texts at once; implementations may use several threads. */
    default List<float[]> embedAll(List<String> texts) {
        return texts.stream().map(this::embed).toList();
    }
}

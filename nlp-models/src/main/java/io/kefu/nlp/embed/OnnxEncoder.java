package io.kefu.nlp.embed;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.util.ArrayList;
import java.util.List;

/** One in-process ONNX sentence-embedding model from langchain4j. */
final class OnnxEncoder implements SentenceEncoder {

    private final String id;
    private final EmbeddingModel model;
    private final int dimension;

    OnnxEncoder(String id, EmbeddingModel model) {
        this.id = id;
        this.model = model;
        this.dimension = model.dimension();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public float[] embed(String text) {
        return model.embed(text.isBlank() ? "?" : text).content().vector();
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        List<TextSegment> segments = new ArrayList<>(texts.size());
        for (String t : texts) segments.add(TextSegment.from(t.isBlank() ? "?" : t));
        List<Embedding> embeddings = model.embedAll(segments).content();
        List<float[]> out = new ArrayList<>(embeddings.size());
        for (Embedding e : embeddings) out.add(e.vector());
        return out;
    }
}

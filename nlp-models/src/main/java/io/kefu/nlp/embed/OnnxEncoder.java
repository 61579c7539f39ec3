package io.kefu.nlp.embed;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** One in-process ONNX sentence-embedding model from langchain4j. */
final class OnnxEncoder implements SentenceEncoder {

    /**
     * ONNX Runtime threads per embedding ({@code -Dkefu.onnx.threads}, default 1). One message is a
     * few dozen tokens: splitting its matrix products over more threads saves little and, with
     * several conversations in flight or a single core, the runtime's spinning worker threads compete
     * with the threads that have work. Batches ({@link #embedAll}) still use every core: langchain4j
     * embeds their texts in parallel.
     */
    static final int THREADS = Integer.getInteger("kefu.onnx.threads", 1);

    private final String id;
    private final EmbeddingModel model;
    private final int dimension;

    OnnxEncoder(String id, EmbeddingModel model) {
        this.id = id;
        this.model = model;
        this.dimension = model.dimension();
    }

    /**
     * The model and tokenizer that a langchain4j model jar ships at the root of its classpath
     * (e.g. {@code all-minilm-l6-v2-q.onnx} + {@code all-minilm-l6-v2-q-tokenizer.json}), run in a
     * session of our own: langchain4j's ready-made classes take the runtime's defaults (one
     * intra-op thread per core) and offer no way to change them.
     */
    static OnnxEncoder fromClasspath(String id, String modelResource, String tokenizerResource, PoolingMode pooling) {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(THREADS);
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            OrtSession session = environment.createSession(resource(modelResource).readAllBytes(), options);
            OnnxBertBiEncoder encoder;
            try (InputStream tokenizer = resource(tokenizerResource)) {
                encoder = new OnnxBertBiEncoder(environment, session, tokenizer, pooling);
            }
            return new OnnxEncoder(id, new SessionModel(encoder));
        } catch (OrtException e) {
            throw new IllegalStateException("cannot start the ONNX session for " + id + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + modelResource + " for " + id, e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = OnnxEncoder.class.getClassLoader().getResourceAsStream(name);
        if (in == null) throw new IllegalStateException("classpath resource " + name + " is missing (langchain4j model jar not on the classpath?)");
        return in;
    }

    /** langchain4j's in-process model (single texts in the calling thread, batches in parallel) over our session. */
    private static final class SessionModel extends AbstractInProcessEmbeddingModel {
        private final OnnxBertBiEncoder encoder;

        SessionModel(OnnxBertBiEncoder encoder) {
            super(null); // langchain4j's default executor: one thread per core for batches
            this.encoder = encoder;
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return encoder;
        }
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

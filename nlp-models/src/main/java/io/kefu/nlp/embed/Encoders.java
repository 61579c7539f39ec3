package io.kefu.nlp.embed;

import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The encoders a model can name. Each ONNX model is ~23 MB of weights and a session that takes a
 * second or two to create, so each lives in its own holder class: loaded on first use, once per
 * JVM, and never if a process only uses the fast tier.
 */
public final class Encoders {

    public static final String ENGLISH = "minilm-l6-v2-q";
    public static final String CHINESE = "bge-small-zh-v15-q";
    /** Both encoders concatenated: for mixed Chinese/English data when latency does not matter. */
    public static final String BOTH = "minilm+bge";
    /**
     * One encoder per message, chosen by its script, into a shared vector (the other half zero):
     * mixed data at the cost of one embedding.
     */
    public static final String ROUTED = "minilm|bge";

    private Encoders() {}

    public static SentenceEncoder byId(String id) {
        return switch (id) {
            case ENGLISH -> English.INSTANCE;
            case CHINESE -> Chinese.INSTANCE;
            case BOTH -> Both.INSTANCE;
            case ROUTED -> new RoutedEncoder(English.INSTANCE, Chinese.INSTANCE);
            default -> throw new IllegalArgumentException("unknown encoder '" + id + "'; known: " + ENGLISH + ", " + CHINESE + ", "
                    + BOTH + ", " + ROUTED);
        };
    }

    /** The encoder for a data language: "en" → MiniLM, "zh" → BGE-zh, "mixed" → routed by script. */
    public static String forLanguage(String language) {
        return switch (language) {
            case "en" -> ENGLISH;
            case "zh" -> CHINESE;
            default -> ROUTED;
        };
    }

    private static final class English {
        // the files and pooling of langchain4j's AllMiniLmL6V2QuantizedEmbeddingModel, in our own session
        static final SentenceEncoder INSTANCE =
                OnnxEncoder.fromClasspath(ENGLISH, "all-minilm-l6-v2-q.onnx", "all-minilm-l6-v2-q-tokenizer.json", PoolingMode.MEAN);
    }

    private static final class Chinese {
        // the files and pooling of langchain4j's BgeSmallZhV15QuantizedEmbeddingModel, in our own session
        static final SentenceEncoder INSTANCE =
                OnnxEncoder.fromClasspath(CHINESE, "bge-small-zh-v1.5-q.onnx", "bge-small-zh-v1.5-q-tokenizer.json", PoolingMode.CLS);
    }

    private static final class Both {
        static final SentenceEncoder INSTANCE = new ConcatEncoder(English.INSTANCE, Chinese.INSTANCE);
    }

    private record ConcatEncoder(SentenceEncoder a, SentenceEncoder b) implements SentenceEncoder {
        @Override
        public String id() {
            return BOTH;
        }

        @Override
        public int dimension() {
            return a.dimension() + b.dimension();
        }

        @Override
        public float[] embed(String text) {
            return concat(a.embed(text), b.embed(text));
        }

        @Override
        public List<float[]> embedAll(List<String> texts) {
            List<float[]> left = a.embedAll(texts);
            List<float[]> right = b.embedAll(texts);
            List<float[]> out = new ArrayList<>(texts.size());
            for (int i = 0; i < texts.size(); i++) out.add(concat(left.get(i), right.get(i)));
            return out;
        }

        private static float[] concat(float[] x, float[] y) {
            float[] out = java.util.Arrays.copyOf(x, x.length + y.length);
            System.arraycopy(y, 0, out, x.length, y.length);
            return out;
        }
    }
}

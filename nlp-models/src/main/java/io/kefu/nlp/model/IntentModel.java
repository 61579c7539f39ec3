package io.kefu.nlp.model;

import io.kefu.nlp.IntentClassifier;
import io.kefu.nlp.Prediction;
import io.kefu.nlp.embed.EmbeddingCache;
import io.kefu.nlp.embed.Encoders;
import io.kefu.nlp.intent.Blend;
import io.kefu.nlp.intent.FastTier;
import io.kefu.nlp.intent.Mode;
import io.kefu.nlp.intent.SoftmaxHead;
import io.kefu.nlp.intent.Thresholds;
import io.kefu.nlp.text.TextNormalizer;
import io.kefu.nlp.text.Tokenizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A trained intent model: n-gram tier, optional embedding head, thresholds and metadata, saved as
 * one file. Immutable and thread-safe (the embedding cache is internally locked).
 */
public final class IntentModel implements IntentClassifier {

    static final int RANKING_SIZE = 5;
    static final int CACHE_SIZE = 10_000;

    private final ModelMetadata metadata;
    private final List<String> labels;
    private final FastTier fast;
    private final SoftmaxHead head;
    private final Mode mode;
    private final Thresholds thresholds;
    private final int cacheCapacity;
    private volatile EmbeddingCache cache; // created on first embedding: fast-mode use never loads ONNX

    public IntentModel(ModelMetadata metadata, FastTier fast, SoftmaxHead head) {
        this(metadata, fast, head, CACHE_SIZE);
    }

    private IntentModel(ModelMetadata metadata, FastTier fast, SoftmaxHead head, int cacheCapacity) {
        this.cacheCapacity = cacheCapacity;
        this.metadata = metadata;
        this.labels = List.copyOf(metadata.labels());
        this.fast = fast;
        this.head = head;
        this.mode = Mode.parse(metadata.mode());
        this.thresholds = metadata.thresholds();
        if (mode.usesEmbeddings() && head == null) throw new IllegalArgumentException("mode " + mode.id() + " needs an embedding head");
    }

    /** The same model with an embedding cache of another size (0: every message is embedded; for latency benchmarks). */
    public IntentModel withCacheCapacity(int capacity) {
        return new IntentModel(metadata, fast, head, capacity);
    }

    public static IntentModel load(Path file) throws IOException {
        return ModelFile.read(file);
    }

    public void save(Path file) throws IOException {
        ModelFile.write(this, file);
    }

    @Override
    public Prediction classify(String text) {
        return predictionOf(scores(text, mode));
    }

    /** Same model, other mode: for measuring each mode of one trained model. */
    public Prediction classify(String text, Mode as) {
        return predictionOf(scores(text, as));
    }

    /** Probabilities over {@link #labels()} under a mode. */
    public double[] scores(String text, Mode as) {
        String normalized = TextNormalizer.normalize(text == null ? "" : text);
        double[] pf = fast.probabilities(Tokenizer.tokens(normalized));
        return switch (as) {
            case FAST -> pf;
            case ACCURATE -> Blend.mix(pf, accurateProbabilities(normalized), thresholds.blendWeight());
            case CASCADE -> Blend.max(pf) >= thresholds.cascade() ? pf
                    : Blend.mix(pf, accurateProbabilities(normalized), thresholds.blendWeight());
        };
    }

    /** Both tiers blended with an explicit embedding weight (benchmarks: weight 1 = embedding head alone). */
    public double[] blendedScores(String text, double accurateWeight) {
        String normalized = TextNormalizer.normalize(text == null ? "" : text);
        return Blend.mix(fast.probabilities(Tokenizer.tokens(normalized)), accurateProbabilities(normalized), accurateWeight);
    }

    private double[] accurateProbabilities(String normalized) {
        if (head == null) throw new IllegalStateException("model " + modelId() + " has no embedding tier");
        return head.probabilities(cache().embed(normalized));
    }

    private EmbeddingCache cache() {
        EmbeddingCache c = cache;
        if (c == null) {
            synchronized (this) {
                c = cache;
                if (c == null) cache = c = new EmbeddingCache(Encoders.byId(metadata.encoder()), cacheCapacity);
            }
        }
        return c;
    }

    /** Ranking and fallback decision for probabilities over {@link #labels()}. */
    public Prediction predictionOf(double[] p) {
        Integer[] order = new Integer[p.length];
        for (int k = 0; k < p.length; k++) order[k] = k;
        java.util.Arrays.sort(order, (a, b) -> Double.compare(p[b], p[a]));
        List<Prediction.ScoredIntent> ranking = new ArrayList<>(RANKING_SIZE);
        for (int r = 0; r < Math.min(RANKING_SIZE, p.length); r++) {
            ranking.add(new Prediction.ScoredIntent(labels.get(order[r]), p[order[r]]));
        }
        double top1 = p[order[0]];
        double top2 = p.length > 1 ? p[order[1]] : 0;
        return new Prediction(labels.get(order[0]), top1, ranking, thresholds.isFallback(top1, top2));
    }

    @Override
    public String modelId() {
        return metadata.id();
    }

    public ModelMetadata metadata() {
        return metadata;
    }

    public List<String> labels() {
        return labels;
    }

    public Mode mode() {
        return mode;
    }

    public Thresholds thresholds() {
        return thresholds;
    }

    FastTier fastTier() {
        return fast;
    }

    SoftmaxHead head() {
        return head;
    }
}

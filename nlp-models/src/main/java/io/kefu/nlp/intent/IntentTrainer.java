package io.kefu.nlp.intent;

import io.kefu.nlp.data.Datasets;
import io.kefu.nlp.data.Example;
import io.kefu.nlp.embed.Encoders;
import io.kefu.nlp.model.IntentModel;
import io.kefu.nlp.model.ModelFile;
import io.kefu.nlp.model.ModelMetadata;
import io.kefu.nlp.text.Language;
import io.kefu.nlp.text.TextNormalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Trains a model: n-gram tier, embedding head, then thresholds tuned on validation data. Without
 * validation data it holds out a stratified share of the training data for tuning and, once the
 * thresholds are known, retrains both tiers on everything.
 */
public final class IntentTrainer {

    /** Bump when featurisation or training changes so cached default models are rebuilt. */
    public static final String CODE_VERSION = "3";

    private final TrainingConfig config;
    private final Progress progress;
    private EmbeddingStore embeddings; // shared across calls (cross-validation folds)

    public IntentTrainer(TrainingConfig config, Progress progress) {
        this.config = config;
        this.progress = progress;
    }

    /**
     * @param train training examples (at least two labels)
     * @param valid validation examples or null; labels unknown to the model count as out of scope
     */
    public IntentModel train(List<Example> train, List<Example> valid) {
        long start = System.currentTimeMillis();
        List<String> labels = Datasets.labels(train);
        if (train.isEmpty()) throw new IllegalArgumentException("no training examples");
        if (labels.size() < 2) throw new IllegalArgumentException("need at least two intents, found only '" + labels.get(0) + "'");
        String language = config.language().equals("auto") ? dataLanguage(train) : config.language();
        Mode mode = config.mode();
        String encoderId = mode.usesEmbeddings() ? (config.encoder() != null ? config.encoder() : Encoders.forLanguage(language)) : null;

        List<Example> fit = train;
        List<Example> tune = valid;
        boolean heldOut = false;
        if ((tune == null || tune.isEmpty()) && mode.usesEmbeddings()) {
            List<List<Example>> split = stratifiedSplit(train, config.holdout(), config.seed());
            fit = split.get(0);
            tune = split.get(1);
            heldOut = !tune.isEmpty();
            if (!heldOut) tune = null;
        }
        if (encoderId != null) {
            progress.report("loading sentence encoder " + encoderId);
            if (embeddings == null || !embeddings.encoder().id().equals(encoderId)) embeddings = new EmbeddingStore(Encoders.byId(encoderId));
            List<String> texts = new ArrayList<>();
            for (Example e : train) texts.add(e.text());
            if (tune != null) for (Example e : tune) texts.add(e.text());
            embeddings.addAll(texts, progress);
        }

        FastTier fast = trainFast(fit, labels);
        HeadParams headParams = config.head();
        SoftmaxHead head = encoderId == null ? null : trainHead(fit, labels, headParams);
        if (head != null && tune != null && !tune.isEmpty()) {
            // Label smoothing helps some data and hurts other (measured: Banking77 better with 0.05, the
            // e-commerce data much better without): train the head both ways, keep what blends better on validation.
            HeadParams other = headParams.withLabelSmoothing(headParams.labelSmoothing() > 0 ? 0.0 : SMOOTHING_ALTERNATIVE);
            SoftmaxHead alternative = trainHead(fit, labels, other);
            double mine = blendedAccuracy(score(tune, labels, fast, head));
            double theirs = blendedAccuracy(score(tune, labels, fast, alternative));
            progress.report(String.format("label smoothing %.2f: valid blend %.4f; %.2f: %.4f", headParams.labelSmoothing(), mine,
                    other.labelSmoothing(), theirs));
            if (theirs > mine + 1e-9) {
                head = alternative;
                headParams = other;
            }
        }
        double neighbourWeight = 0;
        if (head != null && tune != null && !tune.isEmpty()) {
            neighbourWeight = tuneNeighbours(fit, tune, labels, fast, head);
            head = head.withNeighbours(vectors(fit), classIndices(fit, labels), neighbourWeight);
        }
        Thresholds thresholds = Thresholds.defaults();
        Map<String, Double> scores = new LinkedHashMap<>();
        if (tune != null && !tune.isEmpty()) {
            ScoreTable table = score(tune, labels, fast, head);
            thresholds = Tuner.tune(table, mode, thresholds);
            scores.put("valid_fast_accuracy", table.accuracy(Mode.FAST, thresholds));
            if (head != null) {
                scores.put("valid_accurate_accuracy", table.accuracy(Mode.ACCURATE, thresholds));
                scores.put("valid_embedding_only_accuracy", table.accuracy(Mode.ACCURATE,
                        new Thresholds(thresholds.fallback(), thresholds.margin(), thresholds.cascade(), 1.0)));
                scores.put("valid_cascade_accuracy", table.accuracy(Mode.CASCADE, thresholds));
                scores.put("valid_cascade_fast_share", table.fastShare(thresholds));
            }
            scores.put("valid_examples", (double) tune.size());
            progress.report(String.format("tuned on %d %s examples: %s, thresholds %s", tune.size(),
                    heldOut ? "held-out" : "validation", scores, thresholds));
        }
        if (heldOut) {
            progress.report("retraining on all " + train.size() + " examples");
            fast = trainFast(train, labels);
            head = trainHead(train, labels, headParams).withNeighbours(vectors(train), classIndices(train, labels), neighbourWeight);
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("algorithm", config.fast().algorithm());
        parameters.put("iterations", config.fast().iterations());
        parameters.put("cutoff", config.fast().cutoff());
        parameters.put("l2", config.fast().l2());
        if (head != null) {
            parameters.put("head_epochs", config.head().epochs());
            parameters.put("head_learning_rate", config.head().learningRate());
            parameters.put("head_l2", config.head().l2());
            parameters.put("head_label_smoothing", headParams.labelSmoothing());
            parameters.put("head_neighbour_weight", neighbourWeight);
        }
        parameters.put("tuned_on", tune == null ? "defaults" : heldOut ? "holdout " + config.holdout() : "validation");
        ModelMetadata draft = new ModelMetadata(null, ModelMetadata.FORMAT, CODE_VERSION, null, Datasets.hash(train), language,
                mode.id(), encoderId, labels, parameters, thresholds, scores, train.size(), System.currentTimeMillis() - start);
        IntentModel model = ModelFile.seal(draft, fast, head);
        progress.report(String.format("trained %s model %s on %d examples, %d intents in %.1f s", mode.id(), model.modelId(),
                train.size(), labels.size(), (System.currentTimeMillis() - start) / 1000.0));
        return model;
    }

    /**
     * Benchmarks only: with {@code -Dkefu.fastTierCache=DIR} a trained n-gram tier is kept on disk keyed by
     * data, labels, parameters and featurisation version (the fit is deterministic), so repeated runs on
     * Banking77 do not redo ten-minute QN fits. Never set in production.
     */
    static final String FAST_TIER_CACHE = "kefu.fastTierCache";
    static final String FEATURE_VERSION = "1";

    private FastTier trainFast(List<Example> examples, List<String> labels) {
        long t0 = System.currentTimeMillis();
        String cacheDir = System.getProperty(FAST_TIER_CACHE);
        java.nio.file.Path cached = null;
        if (cacheDir != null) {
            String key = Datasets.hash(examples) + "|" + labels + "|" + config.fast() + "|" + FEATURE_VERSION;
            java.security.MessageDigest d = io.kefu.nlp.data.Hashing.sha256();
            String name = io.kefu.nlp.data.Hashing.hex(d.digest(key.getBytes(java.nio.charset.StandardCharsets.UTF_8))).substring(0, 24);
            cached = java.nio.file.Path.of(cacheDir, "fast-" + name + ".bin");
            if (java.nio.file.Files.isRegularFile(cached)) {
                try {
                    FastTier fast = FastTier.fromBytes(java.nio.file.Files.readAllBytes(cached), labels);
                    progress.report("n-gram tier loaded from benchmark cache " + cached);
                    return fast;
                } catch (java.io.IOException e) {
                    progress.report("benchmark cache " + cached + " unreadable: " + e);
                }
            }
        }
        FastTier fast = FastTier.train(examples, labels, config.fast());
        if (cached != null) {
            try {
                java.nio.file.Files.createDirectories(cached.getParent());
                java.nio.file.Files.write(cached, fast.toBytes());
            } catch (java.io.IOException e) {
                progress.report("could not write benchmark cache " + cached + ": " + e);
            }
        }
        progress.report(String.format("n-gram tier (%s) trained on %d examples in %.1f s", config.fast().algorithm(),
                examples.size(), (System.currentTimeMillis() - t0) / 1000.0));
        return fast;
    }

    static final double SMOOTHING_ALTERNATIVE = 0.05;

    /**
     * Weight of a k-nearest-neighbour vote inside the embedding tier (0 = none), chosen on validation
     * together with the blend weight: p ∝ ngram^(1−w) · (softmax^(1−v) · vote^v)^w. Ties keep v = 0, which
     * keeps the model small and the accurate tier fast (the vote scans every training vector).
     */
    private double tuneNeighbours(List<Example> fit, List<Example> tune, List<String> labels, FastTier fastTier, SoftmaxHead head) {
        float[][] fitX = vectors(fit);
        int[] fitY = classIndices(fit, labels);
        SoftmaxHead withMemory = head.withNeighbours(fitX, fitY, 1.0); // memory only; the weight is applied below
        Map<String, Integer> index = indexOf(labels);
        int n = tune.size();
        int[] gold = new int[n];
        double[][] pf = new double[n][], ph = new double[n][], pk = new double[n][];
        for (int i = 0; i < n; i++) {
            Example e = tune.get(i);
            gold[i] = index.getOrDefault(e.label(), -1);
            pf[i] = fastTier.probabilities(io.kefu.nlp.text.Tokenizer.tokens(TextNormalizer.normalize(e.text())));
            float[] x = embeddings.get(e.text());
            ph[i] = head.softmaxProbabilities(x);
            pk[i] = withMemory.neighbourProbabilities(x);
        }
        double best = -1, bestV = 0;
        for (int sv = 0; sv <= 10; sv++) {
            double v = sv / 20.0;
            double[][] accurate = new double[n][];
            for (int i = 0; i < n; i++) accurate[i] = Blend.mix(ph[i], pk[i], v);
            ScoreTable table = new ScoreTable(gold, pf, accurate, -1);
            double acc = blendedAccuracy(table);
            if (acc > best + 1e-9) {
                best = acc;
                bestV = v;
            }
        }
        progress.report(String.format("nearest-neighbour vote weight %.2f (valid blend %.4f)", bestV, best));
        return bestV;
    }

    private float[][] vectors(List<Example> examples) {
        float[][] x = new float[examples.size()][];
        for (int i = 0; i < x.length; i++) x[i] = embeddings.get(examples.get(i).text());
        return x;
    }

    private static int[] classIndices(List<Example> examples, List<String> labels) {
        Map<String, Integer> index = indexOf(labels);
        int[] y = new int[examples.size()];
        for (int i = 0; i < y.length; i++) y[i] = index.get(examples.get(i).label());
        return y;
    }

    private static double blendedAccuracy(ScoreTable table) {
        return table.accuracy(Mode.ACCURATE, Tuner.tuneBlend(table, Thresholds.defaults()));
    }

    private SoftmaxHead trainHead(List<Example> examples, List<String> labels, HeadParams params) {
        Map<String, Integer> index = indexOf(labels);
        float[][] x = new float[examples.size()][];
        int[] y = new int[examples.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = embeddings.get(examples.get(i).text());
            y[i] = index.get(examples.get(i).label());
        }
        long t0 = System.currentTimeMillis();
        int epochs = params.epochs();
        SoftmaxHead head = SoftmaxHead.train(x, y, labels.size(), params, epoch -> {
            if (epoch == epochs) {
                progress.report(String.format("embedding head trained: %d epochs in %.1f s", epochs, (System.currentTimeMillis() - t0) / 1000.0));
            }
        });
        return head;
    }

    private ScoreTable score(List<Example> examples, List<String> labels, FastTier fast, SoftmaxHead head) {
        Map<String, Integer> index = indexOf(labels);
        int n = examples.size();
        int[] gold = new int[n];
        double[][] pf = new double[n][];
        double[][] ph = head == null ? null : new double[n][];
        for (int i = 0; i < n; i++) {
            Example e = examples.get(i);
            gold[i] = index.getOrDefault(e.label(), -1);
            pf[i] = fast.probabilities(io.kefu.nlp.text.Tokenizer.tokens(TextNormalizer.normalize(e.text())));
            if (head != null) ph[i] = head.probabilities(embeddings.get(e.text()));
        }
        int oos = config.oosLabel() == null ? -1 : index.getOrDefault(config.oosLabel(), -1);
        return new ScoreTable(gold, pf, ph, oos);
    }

    static Map<String, Integer> indexOf(List<String> labels) {
        Map<String, Integer> index = new HashMap<>();
        for (int k = 0; k < labels.size(); k++) index.put(labels.get(k), k);
        return index;
    }

    /** zh when at least 80% of examples are Chinese, en when at most 20%, else mixed. */
    public static String dataLanguage(List<Example> examples) {
        int zh = 0;
        for (Example e : examples) if (Language.detect(e.text()).equals(Language.ZH)) zh++;
        double share = (double) zh / Math.max(1, examples.size());
        return share >= 0.8 ? "zh" : share <= 0.2 ? "en" : "mixed";
    }

    /** [fit, holdout]: per label, a {@code share} of its examples (none for labels with fewer than 4). */
    public static List<List<Example>> stratifiedSplit(List<Example> examples, double share, long seed) {
        Map<String, List<Example>> byLabel = new LinkedHashMap<>();
        for (Example e : examples) byLabel.computeIfAbsent(e.label(), k -> new ArrayList<>()).add(e);
        Random random = new Random(seed);
        List<Example> fit = new ArrayList<>();
        List<Example> holdout = new ArrayList<>();
        for (List<Example> group : byLabel.values()) {
            List<Example> shuffled = new ArrayList<>(group);
            java.util.Collections.shuffle(shuffled, random);
            int take = group.size() < 4 ? 0 : (int) Math.max(1, Math.round(group.size() * share));
            holdout.addAll(shuffled.subList(0, take));
            fit.addAll(shuffled.subList(take, shuffled.size()));
        }
        return List.of(fit, holdout);
    }
}

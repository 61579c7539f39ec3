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
 * Trains a model: n-gram tier, embedding head, then smoothing, vote weight and thresholds tuned on
 * validation data. Without validation data it tunes on K-fold out-of-fold scores (every training
 * example scored once by tiers that did not see it; large data: one stratified hold-out) and, once
 * the choices are made, trains both tiers on everything. Measured on SMP2017 and the e-commerce data,
 * the 370-example hold-out picked blend weights that did not carry over to the test sets; five folds
 * tune on all 2,456 examples.
 */
public final class IntentTrainer {

    /** Bump when featurisation or training changes so cached default models are rebuilt. */
    public static final String CODE_VERSION = "5";

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
        boolean external = valid != null && !valid.isEmpty();

        if (encoderId != null) {
            progress.report("loading sentence encoder " + encoderId);
            if (embeddings == null || !embeddings.encoder().id().equals(encoderId)) embeddings = new EmbeddingStore(Encoders.byId(encoderId));
            List<String> texts = new ArrayList<>();
            for (Example e : train) texts.add(e.text());
            if (external) for (Example e : valid) texts.add(e.text());
            embeddings.addAll(texts, progress);
        }
        HeadParams primary = config.head();
        // Label smoothing helps some data and hurts other (measured: Banking77 better with 0.05, the
        // e-commerce data much better without): both are scored, the one that blends better is kept.
        List<HeadParams> headChoices = encoderId == null ? List.of()
                : List.of(primary, primary.withLabelSmoothing(primary.labelSmoothing() > 0 ? 0.0 : SMOOTHING_ALTERNATIVE));

        Fold trained = null;
        TuningScores tuning = null;
        String tunedOn = "defaults";
        if (external) {
            trained = fold(train, valid, labels, headChoices);
            tuning = trained.scores();
            tunedOn = "validation";
        } else if (encoderId != null) {
            boolean kFold = config.folds() >= 2 && train.size() <= config.foldLimit();
            List<Split> splits = kFold ? stratifiedFolds(train, config.folds(), config.seed()) : List.of(stratifiedSplit(train, config.holdout(), config.seed()));
            List<TuningScores> parts = new ArrayList<>();
            for (int f = 0; f < splits.size(); f++) {
                Split split = splits.get(f);
                if (split.tune().isEmpty()) continue;
                if (kFold) progress.report(String.format("tuning fold %d/%d", f + 1, splits.size()));
                parts.add(fold(split.fit(), split.tune(), labels, headChoices).scores());
            }
            if (!parts.isEmpty()) {
                tuning = TuningScores.concat(parts);
                tunedOn = kFold ? splits.size() + "-fold" : "holdout " + config.holdout();
            }
        }

        int headChoice = 0;
        double neighbourWeight = 0;
        double discriminantWeight = 0;
        double temperature = 1;
        double[][] lda = null;
        Thresholds thresholds = Thresholds.defaults();
        Map<String, Double> scores = new LinkedHashMap<>();
        if (tuning != null && tuning.size() > 0) {
            if (tuning.hasHead()) {
                headChoice = chooseSmoothing(tuning, headChoices);
                temperature = tuneTemperature(tuning);
                lda = tuning.discriminantProbabilities(temperature);
                double[] members = tuneMembers(tuning, headChoice, lda);
                neighbourWeight = members[0];
                discriminantWeight = members[1];
            }
            ScoreTable table = tuning.table(headChoice, neighbourWeight, discriminantWeight, lda);
            thresholds = Tuner.tune(table, mode, thresholds);
            scores.put("valid_fast_accuracy", table.accuracy(Mode.FAST, thresholds));
            if (tuning.hasHead()) {
                scores.put("valid_accurate_accuracy", table.accuracy(Mode.ACCURATE, thresholds));
                scores.put("valid_embedding_only_accuracy", table.accuracy(Mode.ACCURATE,
                        new Thresholds(thresholds.fallback(), thresholds.margin(), thresholds.cascade(), 1.0)));
                scores.put("valid_cascade_accuracy", table.accuracy(Mode.CASCADE, thresholds));
                scores.put("valid_cascade_fast_share", table.fastShare(thresholds));
            }
            scores.put("valid_examples", (double) tuning.size());
            progress.report(String.format("tuned on %d examples (%s): %s, thresholds %s", tuning.size(), tunedOn, scores, thresholds));
        }
        HeadParams headParams = headChoices.isEmpty() ? primary : headChoices.get(headChoice);
        FastTier fast;
        SoftmaxHead head = null;
        DiscriminantHead discriminant = null;
        if (trained != null) {
            fast = trained.fast();
            if (!trained.heads().isEmpty()) head = trained.heads().get(headChoice);
            discriminant = trained.discriminant();
        } else {
            if (tuning != null) progress.report("retraining on all " + train.size() + " examples");
            fast = trainFast(train, labels);
            if (encoderId != null) head = trainHead(train, labels, headParams);
        }
        if (head != null) {
            float[][] x = vectors(train);
            int[] y = classIndices(train, labels);
            if (discriminant == null && discriminantWeight > 0) discriminant = DiscriminantHead.train(x, y, labels.size());
            head = head.withNeighbours(x, y, neighbourWeight).withDiscriminant(discriminant, discriminantWeight, temperature);
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
            parameters.put("head_discriminant_weight", discriminantWeight);
            parameters.put("head_discriminant_temperature", temperature);
        }
        parameters.put("tuned_on", tunedOn);
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
    static final String FEATURE_VERSION = "2";

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

    /** The smoothing choice whose head blends better with the n-gram tier on the tuning scores (ties keep the configured one). */
    private int chooseSmoothing(TuningScores tuning, List<HeadParams> choices) {
        int best = 0;
        double bestAccuracy = -1;
        StringBuilder report = new StringBuilder("label smoothing");
        for (int h = 0; h < choices.size(); h++) {
            double accuracy = blendedAccuracy(tuning.table(h, 0));
            report.append(String.format(" %.2f: valid blend %.4f;", choices.get(h).labelSmoothing(), accuracy));
            if (accuracy > bestAccuracy + 1e-9) {
                bestAccuracy = accuracy;
                best = h;
            }
        }
        progress.report(report.toString());
        return best;
    }

    static final double[] TEMPERATURES = {1, 2, 3, 5, 7, 10, 15, 20, 30, 50, 70, 100};

    /** The discriminant's temperature with the lowest out-of-fold log-loss (its raw scores are far too confident to blend). */
    private double tuneTemperature(TuningScores tuning) {
        double best = Double.POSITIVE_INFINITY, bestT = 1;
        for (double t : TEMPERATURES) {
            double loss = tuning.logLoss(tuning.discriminantProbabilities(t));
            if (loss < best - 1e-12) {
                best = loss;
                bestT = t;
            }
        }
        progress.report(String.format("discriminant temperature %.0f (valid log-loss %.4f)", bestT, best));
        return bestT;
    }

    /**
     * Weights of the k-nearest-neighbour vote (v) and the linear discriminant (u) inside the embedding
     * tier, chosen on the tuning scores together with the blend weight:
     * p ∝ ngram^(1−w) · (softmax^(1−v−u) · vote^v · lda^u)^w. Ties keep the smaller v + u, which keeps the
     * model small and the accurate tier fast (the vote scans every training vector).
     */
    private double[] tuneMembers(TuningScores tuning, int headChoice, double[][] lda) {
        double best = -1, bestV = 0, bestU = 0;
        for (int su = 0; su <= 10; su++) {
            for (int sv = 0; sv <= 10; sv++) {
                double v = sv / 20.0, u = su / 20.0;
                double acc = blendedAccuracy(tuning.table(headChoice, v, u, lda));
                if (acc > best + 1e-9 || (Math.abs(acc - best) <= 1e-9 && v + u < bestV + bestU - 1e-9)) {
                    best = acc;
                    bestV = v;
                    bestU = u;
                }
            }
        }
        progress.report(String.format("nearest-neighbour vote weight %.2f, discriminant weight %.2f (valid blend %.4f)", bestV, bestU, best));
        return new double[] {bestV, bestU};
    }

    record Split(List<Example> fit, List<Example> tune) {}

    private record Fold(FastTier fast, List<SoftmaxHead> heads, DiscriminantHead discriminant, TuningScores scores) {}

    /** Trains every tier on {@code fit} and scores {@code tune} with each of them. */
    private Fold fold(List<Example> fit, List<Example> tune, List<String> labels, List<HeadParams> headChoices) {
        // The heads are independent and single-threaded: train them beside the n-gram tier (each is
        // seeded, so the result does not depend on the scheduling).
        List<java.util.concurrent.CompletableFuture<SoftmaxHead>> pending = new ArrayList<>();
        for (HeadParams p : headChoices) pending.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> trainHead(fit, labels, p)));
        FastTier fast = trainFast(fit, labels);
        List<SoftmaxHead> heads = new ArrayList<>();
        for (var h : pending) heads.add(h.join());
        SoftmaxHead memory = null;
        DiscriminantHead discriminant = null;
        if (!heads.isEmpty()) {
            float[][] x = vectors(fit);
            int[] y = classIndices(fit, labels);
            memory = heads.get(0).withNeighbours(x, y, 1.0);
            discriminant = DiscriminantHead.train(x, y, labels.size());
        }
        Map<String, Integer> index = indexOf(labels);
        int n = tune.size();
        int[] gold = new int[n];
        double[][] pf = new double[n][];
        List<double[][]> ph = new ArrayList<>();
        for (int h = 0; h < heads.size(); h++) ph.add(new double[n][]);
        double[][] pk = memory == null ? null : new double[n][];
        double[][] pd = discriminant == null ? null : new double[n][];
        for (int i = 0; i < n; i++) {
            Example e = tune.get(i);
            gold[i] = index.getOrDefault(e.label(), -1);
            pf[i] = fast.probabilities(io.kefu.nlp.text.Tokenizer.tokens(TextNormalizer.normalize(e.text())));
            if (memory != null) {
                float[] x = embeddings.get(e.text());
                for (int h = 0; h < heads.size(); h++) ph.get(h)[i] = heads.get(h).softmaxProbabilities(x);
                pk[i] = memory.neighbourProbabilities(x);
                pd[i] = discriminant.scores(x);
            }
        }
        int oos = config.oosLabel() == null ? -1 : index.getOrDefault(config.oosLabel(), -1);
        return new Fold(fast, heads, discriminant, new TuningScores(gold, pf, ph, pk, pd, oos));
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

    /**
     * K stratified folds: per label, the shuffled examples are dealt round-robin to the K tuning sets
     * (labels with fewer than K examples are never held out, so every fold's tiers know every label).
     */
    static List<Split> stratifiedFolds(List<Example> examples, int k, long seed) {
        List<List<Example>> fits = new ArrayList<>();
        List<List<Example>> tunes = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            fits.add(new ArrayList<>());
            tunes.add(new ArrayList<>());
        }
        for (List<Example> group : shuffledByLabel(examples, seed)) {
            for (int i = 0; i < group.size(); i++) {
                for (int f = 0; f < k; f++) {
                    boolean held = group.size() >= k && i % k == f;
                    (held ? tunes : fits).get(f).add(group.get(i));
                }
            }
        }
        List<Split> splits = new ArrayList<>();
        for (int f = 0; f < k; f++) splits.add(new Split(fits.get(f), tunes.get(f)));
        return splits;
    }

    /** Per label, a {@code share} of its examples held out (none for labels with fewer than 4). */
    static Split stratifiedSplit(List<Example> examples, double share, long seed) {
        List<Example> fit = new ArrayList<>();
        List<Example> holdout = new ArrayList<>();
        for (List<Example> group : shuffledByLabel(examples, seed)) {
            int take = group.size() < 4 ? 0 : (int) Math.max(1, Math.round(group.size() * share));
            holdout.addAll(group.subList(0, take));
            fit.addAll(group.subList(take, group.size()));
        }
        return new Split(fit, holdout);
    }

    /** The examples grouped by label (first-seen order), each group shuffled by one seeded Random in turn. */
    private static List<List<Example>> shuffledByLabel(List<Example> examples, long seed) {
        Map<String, List<Example>> byLabel = new LinkedHashMap<>();
        for (Example e : examples) byLabel.computeIfAbsent(e.label(), key -> new ArrayList<>()).add(e);
        Random random = new Random(seed);
        List<List<Example>> groups = new ArrayList<>();
        for (List<Example> group : byLabel.values()) {
            List<Example> shuffled = new ArrayList<>(group);
            java.util.Collections.shuffle(shuffled, random);
            groups.add(shuffled);
        }
        return groups;
    }
}

package io.kefu.nlp.model;

import io.kefu.nlp.data.Datasets;
import io.kefu.nlp.data.Example;
import io.kefu.nlp.data.TsvReader;
import io.kefu.nlp.intent.IntentTrainer;
import io.kefu.nlp.intent.Mode;
import io.kefu.nlp.intent.Progress;
import io.kefu.nlp.intent.TrainingConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default e-commerce model, built from the training data packaged in this jar. No model binary
 * lives in git: the first start trains it (a few seconds) and caches it under a name made of the
 * data hash and the code version, so changed data or featurisation retrains and an unchanged one
 * loads in milliseconds.
 */
public final class DefaultModels {

    public static final String TRAIN_RESOURCE = "/io/kefu/nlp/data/ecommerce/train.tsv";
    public static final String TEST_RESOURCE = "/io/kefu/nlp/data/ecommerce/test.tsv";
    public static final String OOS_LABEL = "out_of_scope";

    private static final Logger LOG = LoggerFactory.getLogger(DefaultModels.class);

    private DefaultModels() {}

    /** The cascade model from {@code cacheDir}, trained and cached there first when missing or stale. */
    public static IntentModel loadOrTrain(Path cacheDir) throws IOException {
        List<Example> train = trainingData();
        String dataHash = Datasets.hash(train);
        Path file = cacheDir.resolve("ecommerce-" + dataHash.substring(0, 16) + "-v" + IntentTrainer.CODE_VERSION + ".kefumodel");
        if (Files.isRegularFile(file)) {
            try {
                IntentModel model = IntentModel.load(file);
                LOG.info("loaded default intent model {} from {}", model.modelId(), file);
                return model;
            } catch (IOException | RuntimeException e) {
                LOG.warn("cached default model {} is unreadable ({}); retraining", file, e.toString());
            }
        }
        LOG.info("training the default e-commerce intent model ({} examples); cached afterwards in {}", train.size(), cacheDir);
        IntentModel model = new IntentTrainer(defaultConfig(), Progress.log(LOG)).train(train, null);
        model.save(file);
        LOG.info("saved default intent model {} to {}", model.modelId(), file);
        return model;
    }

    /** The fast-tier-only default model, trained in memory: never loads the ONNX encoders. */
    public static IntentModel trainFast() {
        return new IntentTrainer(defaultConfig().withMode(Mode.FAST), Progress.log(LOG)).train(trainingData(), null);
    }

    public static TrainingConfig defaultConfig() {
        return TrainingConfig.defaults().withOosLabel(OOS_LABEL);
    }

    public static List<Example> trainingData() {
        return read(TRAIN_RESOURCE);
    }

    /** The held-out e-commerce test set (packaged for tests and {@code eval --model default}). */
    public static List<Example> testData() {
        return read(TEST_RESOURCE);
    }

    private static List<Example> read(String resource) {
        try (InputStream in = DefaultModels.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("classpath resource " + resource + " is missing from the nlp-models jar");
            return TsvReader.read(new InputStreamReader(in, StandardCharsets.UTF_8), Path.of("classpath:" + resource));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.kefu.nlp.intent;

import io.kefu.nlp.data.Example;
import io.kefu.nlp.text.CharNgramFeatures;
import io.kefu.nlp.text.HanNgramFeatures;
import io.kefu.nlp.text.TextNormalizer;
import io.kefu.nlp.text.Tokenizer;
import io.kefu.nlp.text.WordNgramFeatures;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import opennlp.tools.doccat.DoccatFactory;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.doccat.DocumentCategorizerME;
import opennlp.tools.doccat.DocumentSample;
import opennlp.tools.doccat.FeatureGenerator;
import opennlp.tools.util.CollectionObjectStream;
import opennlp.tools.util.TrainingParameters;
import opennlp.tools.util.ext.ExtensionLoader;

/**
 * The n-gram tier: an OpenNLP maximum-entropy document categorizer over our own feature
 * generators. Tens of microseconds per message, so it runs on every message.
 * Probabilities come back in the order of the model's label list, not OpenNLP's outcome order.
 */
public final class FastTier {

    static {
        // OpenNLP re-creates feature generators by class name on model load, only from allowed packages.
        ExtensionLoader.registerAllowedPackage("io.kefu.nlp.text");
    }

    private final DoccatModel model;
    private final DocumentCategorizerME categorizer;
    /** labelIndex[k] = position of our k-th label among OpenNLP's outcomes (-1 if unseen). */
    private final int[] outcomeOf;
    private final int labelCount;

    private FastTier(DoccatModel model, List<String> labels) {
        this.model = model;
        this.categorizer = new DocumentCategorizerME(model);
        this.labelCount = labels.size();
        this.outcomeOf = new int[labels.size()];
        for (int k = 0; k < labels.size(); k++) outcomeOf[k] = categorizer.getIndex(labels.get(k));
    }

    public static FastTier train(List<Example> examples, List<String> labels, FastTierParams params) {
        List<DocumentSample> samples = new ArrayList<>(examples.size());
        for (Example e : examples) {
            samples.add(new DocumentSample(e.label(), Tokenizer.tokens(TextNormalizer.normalize(e.text()))));
        }
        TrainingParameters training = new TrainingParameters();
        training.put(TrainingParameters.ALGORITHM_PARAM, params.algorithm());
        training.put(TrainingParameters.ITERATIONS_PARAM, params.iterations());
        training.put(TrainingParameters.CUTOFF_PARAM, params.cutoff());
        training.put(TrainingParameters.THREADS_PARAM, Integer.getInteger("kefu.qn.threads", Math.max(1, Runtime.getRuntime().availableProcessors())));
        if (params.algorithm().equals("MAXENT_QN")) {
            training.put("L2Cost", params.l2());
            training.put("L1Cost", 0.0);
            // L-BFGS keeps 2·m vectors of (features × intents) doubles; OpenNLP's m = 15 costs
            // gigabytes on Banking77-sized data for no accuracy gain.
            training.put("NumOfUpdates", params.memory());
        }
        training.put("PrintMessages", Boolean.getBoolean("kefu.qn.verbose"));
        try {
            DoccatModel model = DocumentCategorizerME.train("und", new CollectionObjectStream<>(samples), training,
                    new DoccatFactory(featureGenerators()));
            return new FastTier(model, labels);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static FeatureGenerator[] featureGenerators() {
        return new FeatureGenerator[] {new HanNgramFeatures(), new WordNgramFeatures(), new CharNgramFeatures()};
    }

    /** Probabilities over the model's labels for already tokenised, normalised text. */
    public double[] probabilities(String[] tokens) {
        double[] outcomes = categorizer.categorize(tokens);
        double[] probs = new double[labelCount];
        for (int k = 0; k < labelCount; k++) probs[k] = outcomeOf[k] < 0 ? 0.0 : outcomes[outcomeOf[k]];
        return probs;
    }

    public byte[] toBytes() {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            model.serialize(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static FastTier fromBytes(byte[] bytes, List<String> labels) throws IOException {
        return new FastTier(new DoccatModel(new ByteArrayInputStream(bytes)), labels);
    }
}

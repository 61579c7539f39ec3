package io.kefu.nlp.tools;

import io.kefu.nlp.data.DataFormatException;
import io.kefu.nlp.data.DatasetReader;
import io.kefu.nlp.data.Example;
import io.kefu.nlp.eval.EvalResult;
import io.kefu.nlp.eval.Evaluation;
import io.kefu.nlp.intent.IntentTrainer;
import io.kefu.nlp.intent.Mode;
import io.kefu.nlp.intent.TrainingConfig;
import io.kefu.nlp.model.IntentModel;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** {@code kefu train}: data files in, one model file out. Exit 0 ok, 2 usage error, 1 failure (bad data included). */
public final class TrainTool {

    private TrainTool() {}

    public static String usage() {
        return """
                usage: kefu train --data FILE... --out MODEL [--valid FILE...] [--lang zh|en|auto]
                                  [--mode fast|accurate|cascade] [--cv K] [--oos-label NAME]
                  --data       training data: .tsv (label<TAB>text), .csv (text + category/intent/label columns),
                               .jsonl ({"text","intent"}), Rasa NLU .yml, or a directory / seq.in with a label file
                  --out        model file to write
                  --valid      validation data for tuning blend, cascade and fallback thresholds
                               (default: a stratified 15% of the training data, then retrain on all)
                  --lang       language of the data (default auto)
                  --mode       fast | accurate | cascade (default cascade)
                  --cv K       also report K-fold cross-validated accuracy before training the final model
                  --oos-label  the label that means out of scope (default out_of_scope when present)
                """;
    }

    public static int run(List<String> argv, PrintStream out, PrintStream err) {
        Args args;
        List<Path> data;
        Path output;
        TrainingConfig config;
        int folds;
        try {
            args = Args.parse(argv, Set.of("data", "out", "valid", "lang", "mode", "cv", "oos-label"));
            data = args.all("data").stream().map(Path::of).toList();
            if (data.isEmpty()) throw new Args.UsageException("--data is required");
            output = Path.of(args.required("out"));
            String lang = args.one("lang", "auto");
            if (!Set.of("zh", "en", "auto").contains(lang)) throw new Args.UsageException("--lang must be zh, en or auto");
            Mode mode;
            try {
                mode = Mode.parse(args.one("mode", "cascade"));
            } catch (IllegalArgumentException e) {
                throw new Args.UsageException(e.getMessage());
            }
            folds = args.integer("cv", 0);
            if (args.has("cv") && folds < 2) throw new Args.UsageException("--cv needs K >= 2");
            config = TrainingConfig.defaults().withMode(mode).withLanguage(lang).withOosLabel(args.one("oos-label", null));
        } catch (Args.UsageException e) {
            err.println("kefu train: " + e.getMessage());
            err.print(usage());
            return 2;
        }
        try {
            List<Example> train = DatasetReader.readForTraining(data);
            List<Example> valid = args.has("valid") ? DatasetReader.readAll(args.all("valid").stream().map(Path::of).toList()) : null;
            if (config.oosLabel() == null && train.stream().anyMatch(e -> e.label().equals("out_of_scope"))) {
                config = config.withOosLabel("out_of_scope");
            }
            out.printf(Locale.ROOT, "read %d examples from %d file(s)%s%n", train.size(), data.size(),
                    valid == null ? "" : ", " + valid.size() + " validation examples");
            IntentTrainer trainer = new IntentTrainer(config, m -> out.println("  " + m));
            if (folds > 0) crossValidate(trainer, train, folds, config, out);
            IntentModel model = trainer.train(train, valid);
            model.save(output);
            out.printf(Locale.ROOT, "wrote %s model %s (%d intents, thresholds %s) to %s%n", model.mode().id(), model.modelId(),
                    model.labels().size(), model.thresholds(), output);
            return 0;
        } catch (DataFormatException e) {
            err.println("kefu train: bad data: " + e.getMessage());
            return 1;
        } catch (IOException | RuntimeException e) {
            err.println("kefu train: " + e);
            return 1;
        }
    }

    private static void crossValidate(IntentTrainer trainer, List<Example> all, int folds, TrainingConfig config, PrintStream out) {
        List<Example> shuffled = new ArrayList<>(all);
        java.util.Collections.shuffle(shuffled, new java.util.Random(config.seed()));
        double sum = 0;
        for (int f = 0; f < folds; f++) {
            List<Example> train = new ArrayList<>();
            List<Example> test = new ArrayList<>();
            for (int i = 0; i < shuffled.size(); i++) (i % folds == f ? test : train).add(shuffled.get(i));
            if (io.kefu.nlp.data.Datasets.labels(train).size() < 2) throw new IllegalArgumentException("fold " + (f + 1) + " has one intent");
            IntentModel model = trainer.train(train, null);
            EvalResult r = Evaluation.run(model::classify, test, null);
            sum += r.accuracy();
            out.printf(Locale.ROOT, "cv fold %d/%d: %s%n", f + 1, folds, r.summaryLine());
        }
        out.printf(Locale.ROOT, "cv mean accuracy=%.4f over %d folds%n", sum / folds, folds);
    }
}

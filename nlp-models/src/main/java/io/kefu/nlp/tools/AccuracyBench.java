package io.kefu.nlp.tools;

import io.kefu.nlp.data.DatasetReader;
import io.kefu.nlp.data.Example;
import io.kefu.nlp.eval.EvalResult;
import io.kefu.nlp.eval.Evaluation;
import io.kefu.nlp.intent.FastTierParams;
import io.kefu.nlp.intent.IntentTrainer;
import io.kefu.nlp.intent.Mode;
import io.kefu.nlp.intent.TrainingConfig;
import io.kefu.nlp.model.IntentModel;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Benchmark: trains one cascade model and reports the test accuracy of every mode, plus training
 * time. Used for the figures in BENCHMARKS; not part of the trainer's CLI.
 * {@code java -cp ... io.kefu.nlp.tools.AccuracyBench --train F... --test F... [--valid F...] [--oos-label L]}
 */
public final class AccuracyBench {

    private AccuracyBench() {}

    public static void main(String[] argv) throws Exception {
        System.exit(run(List.of(argv), System.out));
    }

    static int run(List<String> argv, PrintStream out) throws Exception {
        Args args = Args.parse(argv, Set.of("train", "test", "valid", "oos-label", "lang", "encoder", "algorithm", "iterations", "mode", "cutoff", "memory"));
        List<Example> train = DatasetReader.readForTraining(paths(args.all("train")));
        List<Example> test = DatasetReader.readAll(paths(args.all("test")));
        List<Example> valid = args.has("valid") ? DatasetReader.readAll(paths(args.all("valid"))) : null;
        String oos = args.one("oos-label", null);
        TrainingConfig config = TrainingConfig.defaults().withMode(Mode.parse(args.one("mode", "cascade")))
                .withLanguage(args.one("lang", "auto")).withEncoder(args.one("encoder", null)).withOosLabel(oos);
        FastTierParams f = config.fast();
        config = config.withFast(new FastTierParams(args.one("algorithm", f.algorithm()), args.integer("iterations", f.iterations()), args.integer("cutoff", f.cutoff()), f.l2(), args.integer("memory", f.memory())));
        long t0 = System.currentTimeMillis();
        IntentModel model = new IntentTrainer(config, m -> out.println("  " + m)).train(train, valid);
        double seconds = (System.currentTimeMillis() - t0) / 1000.0;
        out.printf(Locale.ROOT, "trained on %d examples in %.1f s; thresholds %s%n", train.size(), seconds, model.thresholds());
        Mode[] modes = model.mode().usesEmbeddings() ? Mode.values() : new Mode[] {Mode.FAST};
        for (Mode mode : modes) {
            EvalResult r = Evaluation.run(t -> model.classify(t, mode), test, oos);
            out.printf(Locale.ROOT, "%-9s %s fallback_rate=%.3f%n", mode.id(), r.summaryLine(), r.fallbackRate());
        }
        if (model.mode().usesEmbeddings()) {
            // the embedding head alone = the accurate blend with weight 1
            EvalResult r = Evaluation.run(text -> model.predictionOf(model.blendedScores(text, 1.0)), test, oos);
            out.printf(Locale.ROOT, "%-9s %s%n", "embedding", r.summaryLine());
        }
        return 0;
    }

    private static List<Path> paths(List<String> names) {
        return names.stream().map(Path::of).toList();
    }
}

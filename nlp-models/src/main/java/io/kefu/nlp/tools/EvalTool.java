package io.kefu.nlp.tools;

import io.kefu.nlp.data.DataFormatException;
import io.kefu.nlp.data.DatasetReader;
import io.kefu.nlp.data.Example;
import io.kefu.nlp.eval.EvalResult;
import io.kefu.nlp.eval.Evaluation;
import io.kefu.nlp.eval.ReportWriter;
import io.kefu.nlp.intent.Mode;
import io.kefu.nlp.model.DefaultModels;
import io.kefu.nlp.model.IntentModel;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code kefu eval}: scores a model on labelled data. The last line printed is always
 * {@code accuracy=… macro_f1=… n=…} (plus {@code in_scope_accuracy=… oos_recall=…} with
 * {@code --oos-label}); scripts parse it. Exit 0 ok, 2 usage error, 1 failure.
 */
public final class EvalTool {

    /** Where {@code --model default} caches the trained default model. */
    public static final String MODELS_DIR_PROPERTY = "kefu.models.dir";

    private EvalTool() {}

    public static String usage() {
        return """
                usage: kefu eval --model MODEL|default --data FILE... [--oos-label NAME] [--report DIR] [--mode M]
                  --model      a model file, or "default" for the built-in e-commerce model
                  --data       labelled data in any format kefu train reads
                  --oos-label  the out-of-scope label: a fallback counts as predicting it; adds
                               in_scope_accuracy and oos_recall
                  --report     write report.json and report.html (per-intent P/R/F1, confusion heat map,
                               worst confusions with examples) into DIR
                  --mode       evaluate as fast | accurate | cascade instead of the model's own mode
                """;
    }

    public static int run(List<String> argv, PrintStream out, PrintStream err) {
        Args args;
        try {
            args = Args.parse(argv, Set.of("model", "data", "oos-label", "report", "mode"));
            args.required("model");
            if (args.all("data").isEmpty()) throw new Args.UsageException("--data is required");
            if (args.has("mode")) {
                try {
                    Mode.parse(args.one("mode", null));
                } catch (IllegalArgumentException e) {
                    throw new Args.UsageException(e.getMessage());
                }
            }
        } catch (Args.UsageException e) {
            err.println("kefu eval: " + e.getMessage());
            err.print(usage());
            return 2;
        }
        try {
            String modelArg = args.required("model");
            IntentModel model = modelArg.equals("default")
                    ? DefaultModels.loadOrTrain(Path.of(System.getProperty(MODELS_DIR_PROPERTY, "data/models")))
                    : IntentModel.load(Path.of(modelArg));
            Mode mode = args.has("mode") ? Mode.parse(args.one("mode", null)) : model.mode();
            if (mode.usesEmbeddings() && model.metadata().encoder() == null) {
                err.println("kefu eval: model " + model.modelId() + " has no embedding tier; use --mode fast");
                return 1;
            }
            List<Path> files = args.all("data").stream().map(Path::of).toList();
            List<Example> data = DatasetReader.readAll(files);
            String oos = args.one("oos-label", null);
            long t0 = System.nanoTime();
            EvalResult result = Evaluation.run(text -> model.classify(text, mode), data, oos);
            double ms = (System.nanoTime() - t0) / 1e6;
            out.printf(Locale.ROOT, "model %s (%s), %d examples, %.2f ms per message, fallback_rate=%.4f%n", model.modelId(), mode.id(),
                    data.size(), ms / Math.max(1, data.size()), result.fallbackRate());
            if (args.has("report")) {
                Path dir = Path.of(args.one("report", null));
                ReportWriter.write(result, model.modelId(), files.toString(), dir);
                out.println("report written to " + dir.resolve("report.html"));
            }
            out.println(result.summaryLine());
            return 0;
        } catch (DataFormatException e) {
            err.println("kefu eval: bad data: " + e.getMessage());
            return 1;
        } catch (IOException | RuntimeException e) {
            err.println("kefu eval: " + e);
            return 1;
        }
    }
}

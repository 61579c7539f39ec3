package io.kefu.gateway.cli;

import io.kefu.nlp.tools.EvalTool;
import java.io.PrintStream;
import java.util.List;

/** {@code ./kefu eval}: see {@link EvalTool} (nlp-models) for the options. */
public final class EvalCommand implements CliCommand {
    @Override
    public String name() {
        return "eval";
    }

    @Override
    public String summary() {
        return "evaluate a model on labelled data (accuracy, macro F1, OOS recall; --report DIR for HTML)";
    }

    @Override
    public String usage() {
        return EvalTool.usage();
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        if (System.getProperty(EvalTool.MODELS_DIR_PROPERTY) == null) {
            // "--model default" shares the cache of ./kefu start, so it is trained at most once.
            String dataDir = System.getenv().getOrDefault("KEFU_DATA_DIR", "./data");
            System.setProperty(EvalTool.MODELS_DIR_PROPERTY, java.nio.file.Path.of(dataDir, "models").toString());
        }
        return EvalTool.run(args, out, err);
    }
}

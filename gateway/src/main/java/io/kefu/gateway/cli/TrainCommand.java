package io.kefu.gateway.cli;

import io.kefu.nlp.tools.TrainTool;
import java.io.PrintStream;
import java.util.List;

/** {@code ./kefu train}: see {@link TrainTool} (nlp-models) for the options. */
public final class TrainCommand implements CliCommand {
    @Override
    public String name() {
        return "train";
    }

    @Override
    public String summary() {
        return "train an intent model from TSV / CSV / JSONL / Rasa YAML / seq.in+label data";
    }

    @Override
    public String usage() {
        return TrainTool.usage();
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        return TrainTool.run(args, out, err);
    }
}

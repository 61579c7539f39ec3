package io.kefu.sandbox.loadgen;

import io.kefu.gateway.cli.CliCommand;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

/** {@code ./kefu bench}: the open-channel load generator (see {@link BenchOptions#USAGE}). */
public final class BenchCommand implements CliCommand {

    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;

    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String summary() {
        return "load-test the open channel: reply latency percentiles, throughput, lost/duplicated replies";
    }

    @Override
    public String usage() {
        return BenchOptions.USAGE;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        if (args.contains("--help") || args.contains("-h")) { // also handled by the caller; harmless twice
            out.print(usage());
            return EXIT_OK;
        }
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("bench: " + e.getMessage());
            err.println("Run ./kefu bench --help for usage.");
            return EXIT_USAGE;
        }
        BenchResult result;
        try {
            result = new LoadGenerator(options, err).run();
        } catch (IllegalStateException e) {
            err.println("bench: " + e.getMessage());
            return EXIT_FAILED;
        }
        result.printTo(out);
        if (options.json() != null) {
            try {
                Files.writeString(options.json(), result.toJson(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println("bench: cannot write " + options.json() + ": " + e.getMessage());
                return EXIT_FAILED;
            }
        }
        return result.passed() ? EXIT_OK : EXIT_FAILED;
    }
}

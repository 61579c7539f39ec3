package io.kefu.gateway.cli;

import java.io.PrintStream;
import java.util.List;

/**
 * One `./kefu` subcommand. Built-in commands live in this package; modules above the gateway
 * (the sandbox's {@code bench}, for instance) contribute theirs through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.kefu.gateway.cli.CliCommand}), so the product never depends on them.
 */
public interface CliCommand {

    /** The word after `./kefu`, e.g. {@code "start"}. */
    String name();

    /** One line for `./kefu --help`. */
    String summary();

    /** Full usage, printed for `./kefu NAME --help`. */
    String usage();

    /**
     * Runs the command. {@code --help} is handled by the caller.
     *
     * @return the process exit code (0 = success)
     */
    int run(List<String> args, PrintStream out, PrintStream err) throws Exception;
}

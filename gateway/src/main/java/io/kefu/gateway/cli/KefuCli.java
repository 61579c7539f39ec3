package io.kefu.gateway.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/** {@code ./kefu COMMAND [options]}: finds the command, handles {@code --help}, maps failures to exit codes. */
public final class KefuCli {
    private final Map<String, CliCommand> commands = new LinkedHashMap<>();

    public KefuCli() {
        for (CliCommand c : List.of(new StartCommand(), new SayCommand(), new TrainCommand(), new EvalCommand(), new ModelsCommand(),
                new MisunderstoodCommand(), new VersionCommand())) {
            commands.put(c.name(), c);
        }
        for (CliCommand c : ServiceLoader.load(CliCommand.class)) {
            commands.putIfAbsent(c.name(), c);
        }
    }

    public static void main(String[] argv) {
        int code = new KefuCli().run(Arrays.asList(argv), System.out, System.err);
        if (code != StartCommand.KEEP_RUNNING) {
            System.exit(code);
        }
    }

    public int run(List<String> argv, PrintStream out, PrintStream err) {
        if (argv.isEmpty() || argv.get(0).equals("--help") || argv.get(0).equals("-h") || argv.get(0).equals("help")) {
            out.print(help());
            return argv.isEmpty() ? 2 : 0;
        }
        CliCommand cmd = commands.get(argv.get(0));
        if (cmd == null) {
            err.println("kefu: unknown command '" + argv.get(0) + "'");
            err.print(help());
            return 2;
        }
        List<String> args = new ArrayList<>(argv.subList(1, argv.size()));
        if (args.contains("--help") || args.contains("-h")) {
            out.println(cmd.usage());
            return 0;
        }
        try {
            return cmd.run(args, out, err);
        } catch (CliArgs.UsageException e) {
            err.println("kefu " + cmd.name() + ": " + e.getMessage());
            err.println(cmd.usage());
            return 2;
        } catch (Exception e) {
            err.println("kefu " + cmd.name() + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return 1;
        }
    }

    String help() {
        StringBuilder sb = new StringBuilder("kefu — customer-service bot server\n\nusage: ./kefu COMMAND [options]   (./kefu COMMAND --help for details)\n\ncommands:\n");
        commands.values().forEach(c -> sb.append(String.format("  %-14s %s%n", c.name(), c.summary())));
        return sb.toString();
    }
}

package io.kefu.gateway.cli;

import io.kefu.gateway.DemoSetup;
import io.kefu.gateway.KefuNode;
import io.kefu.handlers.config.ConfigException;
import io.kefu.handlers.config.ConfigLoader;
import io.kefu.handlers.config.KefuConfig;
import io.kefu.handlers.redis.RedisUnavailableException;
import io.kefu.proto.v1.Platform;
import java.io.PrintStream;
import java.net.BindException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/** {@code ./kefu start}: runs a node until SIGINT / SIGTERM, then stops it cleanly. */
public final class StartCommand implements CliCommand {
    /** Returned when the node runs on in the background threads; main must not exit. */
    public static final int KEEP_RUNNING = Integer.MIN_VALUE;
    static final int EXIT_CONFIG = 2;
    static final int EXIT_REDIS = 3;
    static final int EXIT_PORT = 4;

    private final Map<String, String> env;

    public StartCommand() {
        this(System.getenv());
    }

    StartCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public String name() {
        return "start";
    }

    @Override
    public String summary() {
        return "run kefu (--demo: built-in demo store + buyer chat page)";
    }

    @Override
    public String usage() {
        return """
                usage: ./kefu start [--demo | --config FILE] [--port P] [--host H] [--data-dir DIR] [--redis-url URL]

                  --demo            built-in demo store (open channel 'demo', token 'demo-token') and the
                                    buyer chat page at /sandbox/chat
                  --config FILE     kefu.yaml (or env KEFU_CONFIG); see README "Configuration"
                  --port P          HTTP/WebSocket port (env KEFU_HTTP_PORT; default 8080; 0 = any free port)
                  --host H          listen address (default 0.0.0.0)
                  --data-dir DIR    embedded Redis data and cached models (env KEFU_DATA_DIR; default ./data)
                  --redis-url URL   use this Redis instead of the embedded one (env KEFU_REDIS_URL)

                exit codes: 2 bad configuration (or credentials a platform refused), 3 Redis unreachable, 4 port in use""";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        CliArgs a = CliArgs.parse(args, Set.of("config", "port", "host", "data-dir", "redis-url"), Set.of("demo"));
        KefuNode.Options options;
        try {
            options = options(a);
        } catch (ConfigException e) {
            err.println("kefu: configuration error: " + e.getMessage());
            return EXIT_CONFIG;
        }
        List<DemoSetup> demoSetups = new ArrayList<>();
        if (a.flag("demo")) {
            options = prepareDemo(a, options, demoSetups, err);
        }
        KefuNode node;
        try {
            node = KefuNode.start(options);
        } catch (RuntimeException e) {
            closeAll(demoSetups);
            return startFailed(e, options, err);
        }
        printUrls(out, node, a.flag("demo"), demoSetups);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            node.close();
            closeAll(demoSetups);
            stopped.countDown();
        }, "kefu-shutdown"));
        return KEEP_RUNNING;
    }

    /**
     * {@code --demo}: lets every {@link DemoSetup} on the classpath (the sandbox's platform simulators)
     * add to the demo config. A setup that fails is reported and left out; the plain demo still starts.
     */
    private KefuNode.Options prepareDemo(CliArgs a, KefuNode.Options options, List<DemoSetup> started, PrintStream err)
            throws CliArgs.UsageException {
        KefuConfig config = options.config();
        for (DemoSetup setup : ServiceLoader.load(DemoSetup.class)) {
            try {
                config = setup.prepare(config);
                started.add(setup);
            } catch (Exception e) {
                err.println("kefu: demo setup " + setup.getClass().getSimpleName() + " failed, starting without it: " + e);
                closeAll(List.of(setup));
            }
        }
        return started.isEmpty() ? options : options(a, config);
    }

    private static void closeAll(List<DemoSetup> setups) {
        for (DemoSetup s : setups) {
            try {
                s.close();
            } catch (Exception e) {
                // shutting down: nothing left to tell
            }
        }
    }

    private static int startFailed(RuntimeException failure, KefuNode.Options options, PrintStream err) {
        try {
            throw failure;
        } catch (RedisUnavailableException e) {
            err.println("kefu: cannot start: " + e.getMessage());
            return EXIT_REDIS;
        } catch (ConfigException e) {
            err.println("kefu: configuration error: " + e.getMessage());
            return EXIT_CONFIG;
        } catch (RuntimeException e) {
            ConfigException config = cause(e, ConfigException.class);
            if (config != null) {
                err.println("kefu: configuration error: " + config.getMessage());
                return EXIT_CONFIG;
            }
            var refused = cause(e, io.kefu.gateway.connector.ConnectorStartException.class);
            if (refused != null) {
                err.println("kefu: cannot start: " + refused.getMessage());
                return EXIT_CONFIG;
            }
            if (cause(e, BindException.class) != null) {
                err.println("kefu: cannot start: port " + options.config().httpPort() + " is already in use (try --port)");
                return EXIT_PORT;
            }
            throw e;
        }
    }

    KefuNode.Options options(CliArgs a) throws CliArgs.UsageException {
        return options(a, null);
    }

    /** @param demoConfig for {@code --demo}: the (prepared) demo config; null = the built-in one */
    KefuNode.Options options(CliArgs a, KefuConfig demoConfig) throws CliArgs.UsageException {
        Map<String, String> e = env;
        String configFile = a.value("config").orElse(e.get("KEFU_CONFIG"));
        if (a.flag("demo") && a.value("config").isPresent()) {
            throw new CliArgs.UsageException("--demo and --config exclude each other");
        }
        KefuNode.Options o;
        if (a.flag("demo") || configFile == null) {
            if (!a.flag("demo")) {
                throw new CliArgs.UsageException("give --config FILE (or KEFU_CONFIG), or --demo to try kefu");
            }
            o = demoConfig == null ? KefuNode.Options.demo() : KefuNode.Options.of(demoConfig).demoPages(true);
        } else {
            KefuConfig config = ConfigLoader.load(Path.of(configFile));
            o = KefuNode.Options.of(config);
        }
        String port = a.value("port").orElse(e.get("KEFU_HTTP_PORT"));
        if (port != null) {
            o.port(parsePort(port, a.value("port").isPresent() ? "--port" : "KEFU_HTTP_PORT"));
        }
        String redisUrl = a.value("redis-url").orElse(e.get("KEFU_REDIS_URL"));
        if (redisUrl != null && !redisUrl.isBlank()) {
            if (!redisUrl.startsWith("redis://") && !redisUrl.startsWith("rediss://")) {
                throw new ConfigException(a.value("redis-url").isPresent() ? "--redis-url" : "environment", "KEFU_REDIS_URL",
                        "must start with redis:// or rediss://");
            }
            o.redisUrl(redisUrl);
        }
        String dataDir = a.value("data-dir").orElse(e.get("KEFU_DATA_DIR"));
        if (dataDir != null) {
            o.dataDir(Path.of(dataDir));
        }
        a.value("host").ifPresent(o::host);
        return o;
    }

    private static int parsePort(String v, String key) {
        try {
            int p = Integer.parseInt(v.trim());
            if (p < 0 || p > 65535) {
                throw new NumberFormatException();
            }
            return p;
        } catch (NumberFormatException ex) {
            throw new ConfigException(key.startsWith("--") ? "command line" : "environment", key, "must be a port number 0-65535 (got '" + v + "')");
        }
    }

    private static void printUrls(PrintStream out, KefuNode node, boolean demo, List<DemoSetup> demoSetups) {
        String base = "http://localhost:" + node.port();
        out.println();
        out.println("kefu " + VersionCommand.version() + " is up on port " + node.port()
                + node.embeddedRedis().map(r -> " (embedded Redis on port " + r.port() + ", data in " + r.dir() + ")").orElse(""));
        if (demo) {
            out.println("  buyer chat page   " + base + "/sandbox/chat");
        }
        node.config().stores().forEach(s -> s.channels().stream().filter(c -> c.platform() == Platform.OPEN).forEach(c ->
                out.println("  open channel      ws://localhost:" + node.port() + "/channel/open/" + c.id() + "   (store " + s.id() + ")")));
        out.println("  health            " + base + "/healthz   readiness " + base + "/readyz");
        out.println("  metrics           " + base + "/metrics");
        if (demo) {
            out.println("  try it            ./kefu say --port " + node.port() + " --channel demo \"在吗\"");
            for (DemoSetup s : demoSetups) {
                s.describe(node).forEach(out::println);
            }
        }
        out.println("Press Ctrl+C to stop.");
        out.flush();
    }

    private static <T extends Throwable> T cause(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }
}

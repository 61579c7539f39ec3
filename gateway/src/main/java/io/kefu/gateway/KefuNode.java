package io.kefu.gateway;

import io.kefu.gateway.extension.HttpEndpoint;
import io.kefu.gateway.extension.NodeExtension;
import io.kefu.gateway.http.DemoPages;
import io.kefu.gateway.openchannel.OpenChannelServices;
import io.kefu.gateway.openchannel.OpenChannelSessions;
import io.kefu.gateway.openchannel.OpenChannelUpgrade;
import io.kefu.gateway.outbound.ReplyDelivery;
import io.kefu.gateway.outbound.TurnEffects;
import io.kefu.handlers.bot.BotApp;
import io.kefu.handlers.bot.EscalationPolicy;
import io.kefu.handlers.bot.ReplyTemplates;
import io.kefu.handlers.config.ConfigLoader;
import io.kefu.handlers.config.KefuConfig;
import io.kefu.handlers.metrics.Metrics;
import io.kefu.gateway.admin.AdminApi;
import io.kefu.handlers.nlu.FallbackOverride;
import io.kefu.handlers.nlu.ModelSwitcher;
import io.kefu.handlers.nlu.RedisModelRegistry;
import io.kefu.handlers.pipeline.ConversationDispatcher;
import io.kefu.handlers.redis.EmbeddedRedisServer;
import io.kefu.handlers.redis.RedisConnector;
import io.kefu.handlers.store.HandoffQueue;
import io.kefu.handlers.store.MisunderstoodLog;
import io.kefu.handlers.store.RedisConversationStore;
import io.kefu.handlers.store.RedisInbox;
import io.kefu.handlers.store.ReplyOutbox;
import io.kefu.nlp.IntentClassifier;
import io.kefu.nlp.model.DefaultModels;
import io.kefu.nlp.model.IntentModel;
import io.kefu.proto.v1.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;

/**
 * One running kefu: Redis (given or embedded), the intent model, the bot, the dispatcher and the
 * Netty server, wired together. {@code ./kefu start} runs one; tests start as many as they like on
 * random ports.
 */
public final class KefuNode implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(KefuNode.class);
    public static final int HEARTBEAT_INTERVAL_MS = 25_000;

    private final KefuConfig config;
    private final List<AutoCloseable> resources;
    private final KefuServer server;
    private final int port;
    private final UnifiedJedis redis;
    private final GatewayMetrics metrics;
    private final ExecutorService workers;
    private final ExecutorService blocking;
    private final ScheduledExecutorService timer;
    private final ReadinessProbe readiness;
    private final BotApp app;
    private final EmbeddedRedisServer embeddedRedis;
    private final ModelSwitcher models;

    private KefuNode(Builder b) {
        this.models = b.models;
        this.config = b.config;
        this.resources = b.resources;
        this.server = b.server;
        this.port = b.port;
        this.redis = b.redis;
        this.metrics = b.metrics;
        this.workers = b.workers;
        this.blocking = b.blocking;
        this.timer = b.timer;
        this.readiness = b.readiness;
        this.app = b.app;
        this.embeddedRedis = b.embeddedRedis;
    }

    /** How to start a node. Unset values come from the config (and its defaults). */
    public static final class Options {
        private KefuConfig config;
        private boolean demo;
        private Integer port;
        private String redisUrl;
        private Path dataDir;
        private IntentClassifier classifier;
        private Consumer<BotApp> customizer = app -> { };
        private String host = "0.0.0.0";
        private final List<NodeExtension> extensions = new ArrayList<>();
        private boolean discoverExtensions = true;
        private Clock clock = Clock.systemUTC();

        public static Options demo() {
            Options o = new Options();
            o.config = demoConfig();
            o.demo = true;
            return o;
        }

        public static Options of(KefuConfig config) {
            Options o = new Options();
            o.config = config;
            return o;
        }

        public Options port(int port) {
            this.port = port;
            return this;
        }

        public Options redisUrl(String url) {
            this.redisUrl = url;
            return this;
        }

        public Options dataDir(Path dir) {
            this.dataDir = dir;
            return this;
        }

        /** Use this model instead of loading one (tests pass a shared fast model). */
        public Options classifier(IntentClassifier classifier) {
            this.classifier = classifier;
            return this;
        }

        /** Registers handlers / middleware on the bot before the node starts serving. */
        public Options configure(Consumer<BotApp> customizer) {
            this.customizer = customizer;
            return this;
        }

        public Options host(String host) {
            this.host = host;
            return this;
        }

        /** Adds an extension (connector, console, …) besides those found on the classpath. */
        public Options extension(NodeExtension extension) {
            this.extensions.add(extension);
            return this;
        }

        /** Whether to load the built-in extensions listed in META-INF/services (default true). */
        public Options discoverExtensions(boolean on) {
            this.discoverExtensions = on;
            return this;
        }

        /** The clock the node stamps and schedules with (tests move a hand-set one through days of order events). */
        public Options clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Options demoPages(boolean on) {
            this.demo = on;
            return this;
        }

        public KefuConfig config() {
            return config;
        }
    }

    /** The built-in demo store: one open channel {@code demo} with token {@code demo-token}. */
    public static KefuConfig demoConfig() {
        try (InputStream in = KefuNode.class.getResourceAsStream("/io/kefu/gateway/demo-kefu.yaml")) {
            return ConfigLoader.parse("demo-kefu.yaml (built in)", in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static KefuNode start(Options o) {
        return new Builder(o).build();
    }

    public int port() {
        return port;
    }

    public KefuConfig config() {
        return config;
    }

    public Metrics metrics() {
        return metrics.registry;
    }

    public UnifiedJedis redis() {
        return redis;
    }

    public BotApp app() {
        return app;
    }

    /** The id of the intent model this node classifies with right now. */
    public String modelId() {
        return models.currentId();
    }

    public boolean ready() {
        return readiness.ready();
    }

    /** The embedded Redis this node started, if it started one. */
    public Optional<EmbeddedRedisServer> embeddedRedis() {
        return Optional.ofNullable(embeddedRedis);
    }

    @Override
    public void close() {
        server.close();
        shutdown(workers, 10);
        shutdown(blocking, 5);
        timer.shutdownNow();
        closeResources();
        log.info("kefu stopped");
    }

    /**
     * Stops like a killed process: connections dropped, turns in progress abandoned (interrupted,
     * never committed), nothing flushed. Redis keeps what was committed. For crash-recovery tests.
     */
    public void kill() {
        // Storage first: from this instant nothing this node still has in flight can be written.
        closeResources();
        server.kill();
        workers.shutdownNow();
        blocking.shutdownNow();
        timer.shutdownNow();
    }

    private void closeResources() {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                log.warn("closing {} failed: {}", resources.get(i), e.toString());
            }
        }
    }

    private static void shutdown(ExecutorService pool, int seconds) {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(seconds, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Assembles a node step by step, undoing what was started if a later step fails. */
    private static final class Builder {
        final List<AutoCloseable> resources = new ArrayList<>();
        KefuConfig config;
        KefuServer server;
        int port;
        UnifiedJedis redis;
        GatewayMetrics metrics;
        ExecutorService workers;
        ExecutorService blocking;
        ScheduledExecutorService timer;
        ReadinessProbe readiness;
        BotApp app;
        EmbeddedRedisServer embeddedRedis;
        ModelSwitcher models;
        final Options o;

        Builder(Options o) {
            this.o = o;
            KefuConfig c = o.config;
            if (o.port != null) {
                c = c.withHttpPort(o.port);
            }
            if (o.redisUrl != null) {
                c = c.withRedisUrl(Optional.of(o.redisUrl).filter(s -> !s.isBlank()));
            }
            if (o.dataDir != null) {
                c = c.withDataDir(o.dataDir);
            }
            this.config = c;
        }

        KefuNode build() {
            try {
                Clock clock = o.clock;
                AdminApi.token(config); // a bad admin section fails before anything slow starts
                String url = config.redisUrl().orElseGet(() -> {
                    embeddedRedis = EmbeddedRedisServer.start(config.dataDir().resolve("redis"));
                    resources.add(embeddedRedis);
                    return embeddedRedis.url();
                });
                redis = RedisConnector.connect(url, 64);
                resources.add(redis);
                IntentClassifier model = FallbackOverride.wrap(loadModel(), config.nlu().threshold(), config.nlu().margin());
                // Load the lazily initialised encoders now, not on the first buyer's message.
                for (String warmUp : List.of("亲，在吗？我的快递到哪了", "hi, where is my order?", "这个 size 偏大吗")) {
                    model.classify(warmUp);
                }
                RedisModelRegistry registry = new RedisModelRegistry(redis);
                ModelSwitcher current = new ModelSwitcher(redis, registry, model,
                        m -> FallbackOverride.wrap(m, config.nlu().threshold(), config.nlu().margin())).start();
                resources.add(current);
                models = current;

                metrics = new GatewayMetrics(new Metrics());
                int cores = Runtime.getRuntime().availableProcessors();
                workers = Executors.newFixedThreadPool(Math.max(4, cores * 2), named("kefu-turn"));
                blocking = Executors.newFixedThreadPool(Math.max(8, cores * 4), named("kefu-io"));
                timer = Executors.newSingleThreadScheduledExecutor(named("kefu-timer"));

                RedisInbox inbox = new RedisInbox(redis, clock);
                ReplyOutbox outbox = new ReplyOutbox(redis);
                RedisConversationStore store = new RedisConversationStore(redis);
                app = new BotApp(store, current::get, ReplyTemplates.defaults(),
                        new EscalationPolicy(config.handoff().fallbacksBeforeHandoff()), clock);
                o.customizer.accept(app);

                OpenChannelSessions sessions = new OpenChannelSessions();
                Map<Platform, ReplyDelivery> deliveries = new ConcurrentHashMap<>();
                deliveries.put(Platform.OPEN, sessions);
                TurnEffects effects = new TurnEffects(new HandoffQueue(redis), new MisunderstoodLog(redis), inbox, outbox,
                        deliveries, metrics, clock);
                ConversationDispatcher dispatcher = new ConversationDispatcher(inbox, app, workers, timer, effects);

                readiness = new ReadinessProbe(redis, () -> current.get() != null);
                readiness.start(timer);
                metrics.registry.gauge("kefu_open_connections", "Buyer connections on the open channel", sessions::connections);
                metrics.registry.gauge("kefu_redis_up", "1 when Redis answers pings", () -> readiness.redisUp() ? 1 : 0);
                metrics.registry.gauge("kefu_turns_in_flight", "Conversations being processed", dispatcher::inFlight);

                OpenChannelServices services = new OpenChannelServices(inbox, outbox, dispatcher, sessions, metrics, blocking,
                        clock, HEARTBEAT_INTERVAL_MS);
                List<HttpEndpoint> endpoints = new CopyOnWriteArrayList<>();
                AdminApi.fromConfig(config, registry, current, blocking).ifPresent(endpoints::add);
                AtomicInteger boundPort = new AtomicInteger();
                ExtensionContext ctx = new ExtensionContext(config, redis, clock, app, inbox, outbox, store, dispatcher,
                        metrics, blocking, timer, boundPort::get, endpoints, deliveries);
                List<NodeExtension> extensions = new ArrayList<>(o.extensions);
                if (o.discoverExtensions) {
                    ServiceLoader.load(NodeExtension.class).forEach(extensions::add);
                }
                for (NodeExtension ext : extensions) {
                    ext.start(ctx);
                    resources.add(ext);
                }
                server = new KefuServer();
                port = server.bind(o.host, config.httpPort(), new KefuServerInitializer(readiness, metrics,
                        new OpenChannelUpgrade(config, services), o.demo ? new DemoPages(config) : null, endpoints));
                boundPort.set(port);
                for (NodeExtension ext : extensions) {
                    ext.started(ctx);
                }
                int recovered = dispatcher.recover();
                if (recovered > 0) {
                    log.info("recovering {} conversations with unfinished work", recovered);
                }
                log.info("kefu listening on port {}", port);
                return new KefuNode(this);
            } catch (Exception e) {
                if (server != null) {
                    server.close();
                }
                for (ExecutorService pool : new ExecutorService[] {workers, blocking, timer}) {
                    if (pool != null) {
                        pool.shutdownNow();
                    }
                }
                for (int i = resources.size() - 1; i >= 0; i--) {
                    try {
                        resources.get(i).close();
                    } catch (Exception ignored) {
                        // already failing; the original error is what matters
                    }
                }
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                if (e instanceof RuntimeException re) {
                    throw re;
                }
                throw new IllegalStateException(e.getMessage(), e);
            }
        }

        private IntentClassifier loadModel() throws IOException {
            if (o.classifier != null) {
                return o.classifier;
            }
            String model = config.nlu().model();
            if (model.equals("default")) {
                return DefaultModels.loadOrTrain(config.dataDir().resolve("models"));
            }
            return IntentModel.load(Path.of(model));
        }
    }
}

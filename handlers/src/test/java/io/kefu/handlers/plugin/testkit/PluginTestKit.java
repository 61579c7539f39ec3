package io.kefu.handlers.plugin.testkit;

import io.kefu.handlers.bot.BotApp;
import io.kefu.handlers.bot.EscalationPolicy;
import io.kefu.handlers.bot.ReplyTemplates;
import io.kefu.handlers.bot.TurnResult;
import io.kefu.handlers.metrics.Metrics;
import io.kefu.handlers.plugin.ErpLookup;
import io.kefu.handlers.plugin.KefuPlugin;
import io.kefu.handlers.plugin.KnowledgeBase;
import io.kefu.handlers.plugin.PluginConfig;
import io.kefu.handlers.plugin.host.PluginHost;
import io.kefu.handlers.plugin.host.PluginLoadException;
import io.kefu.handlers.plugin.host.PluginSettings;
import io.kefu.handlers.plugin.host.StoreServices;
import io.kefu.handlers.redis.EmbeddedRedisServer;
import io.kefu.handlers.redis.RedisConnector;
import io.kefu.handlers.store.RedisConversationStore;
import io.kefu.handlers.store.RedisInbox;
import io.kefu.handlers.testing.FixedClassifier;
import io.kefu.nlp.IntentClassifier;
import io.kefu.proto.v1.InboundMessage;
import io.kefu.proto.v1.OutboundMessage;
import io.kefu.proto.v1.Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import redis.clients.jedis.UnifiedJedis;

/**
 * Runs a plugin inside a real kefu turn pipeline (real Redis, the real {@link BotApp} with its
 * escalation rules and commit, the real plugin host with its time budget and breaker), so a
 * plugin author can test in a few lines:
 *
 * <pre>{@code
 * try (PluginTestKit kit = PluginTestKit.builder()
 *         .plugin(CouponPlugin::new)
 *         .intents(Map.of("有优惠券吗", "price_promotion"))
 *         .store("shop", Map.of("code", "SAVE10"))
 *         .build()) {
 *     assertEquals(List.of("领券码 SAVE10"), kit.say("shop", "buyer-1", "有优惠券吗").texts());
 * }
 * }</pre>
 *
 * Without {@link Builder#redis} it starts its own embedded Redis. Messages of one buyer form one
 * conversation ({@code <store>:<buyer>}), so slots and questions carry over between {@code say} calls.
 */
public final class PluginTestKit implements AutoCloseable {
    /** What the buyer got for one message. */
    public record Said(List<String> texts, boolean handedOff, boolean failed, TurnResult turn) {
        public String text() {
            return String.join("\n", texts);
        }
    }

    private final BotApp app;
    private final PluginHost host;
    private final RedisInbox inbox;
    private final RedisConversationStore conversations;
    private final UnifiedJedis redis;
    private final Metrics metrics;
    private final ScheduledExecutorService timer;
    private final EmbeddedRedisServer ownRedis;
    private java.nio.file.Path ownRedisDir;
    private final AtomicLong ids = new AtomicLong();

    private PluginTestKit(Builder b) throws PluginLoadException {
        if (b.redis == null) {
            try {
                ownRedisDir = Files.createTempDirectory("kefu-plugin-testkit");
                ownRedis = EmbeddedRedisServer.start(ownRedisDir);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            redis = RedisConnector.connect(ownRedis.url(), 8);
        } else {
            ownRedis = null;
            redis = b.redis;
        }
        metrics = new Metrics();
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "plugin-testkit-timer");
            t.setDaemon(true);
            return t;
        });
        Clock clock = Clock.systemUTC();
        conversations = new RedisConversationStore(redis);
        inbox = new RedisInbox(redis, clock);
        app = new BotApp(conversations, () -> b.classifier, ReplyTemplates.defaults(), new EscalationPolicy(b.fallbacksBeforeHandoff), clock);
        PluginSettings settings = new PluginSettings(Path.of("plugins"), b.budget, b.breakerFailures, 8, Duration.ofSeconds(30),
                List.of(), Map.of());
        host = new PluginHost(settings, b.stores.keySet(), redis, metrics, timer, new StoreServices(b.erp, b.knowledge)).install(app);
        List<String> ids = new ArrayList<>();
        for (Supplier<? extends KefuPlugin> p : b.plugins) {
            ids.add(host.register(p).id());
        }
        for (Path jar : b.jars) {
            ids.add(host.load(jar).id());
        }
        b.stores.forEach((store, cfg) -> {
            if (cfg != null) {
                for (String id : ids) {
                    host.enable(store, id);
                    host.configure(store, id, new PluginConfig(cfg));
                }
            }
        });
    }

    public static Builder builder() {
        return new Builder();
    }

    /** One buyer message through the whole turn; returns what the buyer got. */
    public Said say(String store, String buyer, String text) throws Exception {
        InboundMessage m = InboundMessage.newBuilder()
                .setPlatform(Platform.OPEN).setChannelId("testkit").setStoreId(store)
                .setConversationId(store + ":" + buyer).setBuyerId(buyer)
                .setPlatformMsgId("tk-" + ids.incrementAndGet()).setText(text).build();
        TurnResult r = app.run(inbox.persist(m).stored());
        List<String> texts = new ArrayList<>();
        for (OutboundMessage o : r.replies()) {
            texts.add(o.getText());
        }
        return new Said(texts, r.ticket().isPresent(), r.failed(), r);
    }

    /** The conversation's slots after the turns so far. */
    public Map<String, String> slots(String store, String buyer) {
        return conversations.load(store + ":" + buyer).state().getSlotsMap();
    }

    public PluginHost host() {
        return host;
    }

    public BotApp app() {
        return app;
    }

    public Metrics metrics() {
        return metrics;
    }

    public UnifiedJedis redis() {
        return redis;
    }

    @Override
    public void close() {
        host.close();
        timer.shutdownNow();
        if (ownRedis != null) {
            redis.close();
            ownRedis.close();
            io.kefu.handlers.testing.TempDirs.deleteTree(ownRedisDir);
        }
    }

    public static final class Builder {
        private final List<Supplier<? extends KefuPlugin>> plugins = new ArrayList<>();
        private final List<Path> jars = new ArrayList<>();
        private final Map<String, Map<String, String>> stores = new LinkedHashMap<>();
        private IntentClassifier classifier = new FixedClassifier(Map.of());
        private UnifiedJedis redis;
        private Duration budget = Duration.ofSeconds(2);
        private int breakerFailures = 5;
        private int fallbacksBeforeHandoff = 2;
        private Function<String, ErpLookup> erp = ErpLookup::none;
        private Function<String, KnowledgeBase> knowledge = KnowledgeBase::none;

        /** An in-process plugin; the factory makes a new instance on every reload. */
        public Builder plugin(Supplier<? extends KefuPlugin> factory) {
            plugins.add(factory);
            return this;
        }

        /** A built plugin jar, loaded in its own class loader exactly as in production. */
        public Builder jar(Path jar) {
            jars.add(jar);
            return this;
        }

        /** Exact text → intent (anything else is a fallback). */
        public Builder intents(Map<String, String> textToIntent) {
            this.classifier = new FixedClassifier(textToIntent);
            return this;
        }

        /** A real classifier, e.g. {@code io.kefu.handlers.testing.TestModels.fast()}. */
        public Builder classifier(IntentClassifier c) {
            this.classifier = c;
            return this;
        }

        /** A store with every plugin enabled and this config for them. */
        public Builder store(String storeId, Map<String, String> config) {
            stores.put(storeId, Map.copyOf(config));
            return this;
        }

        /** A store where the plugins are configured but disabled. */
        public Builder storeWithoutPlugins(String storeId) {
            stores.put(storeId, null);
            return this;
        }

        public Builder redis(UnifiedJedis r) {
            this.redis = r;
            return this;
        }

        public Builder budget(Duration d) {
            this.budget = d;
            return this;
        }

        public Builder breakerFailures(int n) {
            this.breakerFailures = n;
            return this;
        }

        public Builder fallbacksBeforeHandoff(int n) {
            this.fallbacksBeforeHandoff = n;
            return this;
        }

        public Builder erp(Function<String, ErpLookup> perStore) {
            this.erp = perStore;
            return this;
        }

        public Builder knowledge(Function<String, KnowledgeBase> perStore) {
            this.knowledge = perStore;
            return this;
        }

        public PluginTestKit build() throws PluginLoadException {
            if (stores.isEmpty()) {
                throw new IllegalStateException("add at least one store");
            }
            return new PluginTestKit(this);
        }
    }
}

package io.kefu.handlers.plugin.host;

import io.kefu.handlers.bot.BotApp;
import io.kefu.handlers.metrics.Counter;
import io.kefu.handlers.metrics.Metrics;
import io.kefu.handlers.plugin.KefuPlugin;
import io.kefu.handlers.plugin.PluginConfig;
import io.kefu.handlers.plugin.PluginMetrics;
import io.kefu.handlers.plugin.remote.RemotePlugin;
import io.kefu.handlers.plugin.remote.RemoteSpec;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;

/**
 * Loads, runs and unloads plugins for a bot. Install it on a {@link BotApp} once; then load jars
 * (or register in-process / remote plugins), and enable them per store. Lifecycle operations are
 * serialised; turns never wait for them: a turn uses the generation current when it started, a
 * replaced generation is stopped only after its last turn finished.
 */
public final class PluginHost implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PluginHost.class);
    private static final Pattern EVENT = Pattern.compile("[a-z0-9_]{1,64}");

    private final PluginSettings settings;
    private final Set<String> stores;
    private final UnifiedJedis redis;
    private final ScheduledExecutorService timer;
    private final StoreServices services;
    private final HttpClient http;
    private final Map<String, PluginGeneration> current = new ConcurrentHashMap<>();
    private final Map<String, PluginSource> sources = new ConcurrentHashMap<>();
    private final Map<String, PluginHealth> health = new ConcurrentHashMap<>();
    private final List<String> order = new CopyOnWriteArrayList<>();
    private final Map<String, Map<String, PluginSettings.StoreEntry>> enablement = new ConcurrentHashMap<>();
    private final Map<String, String> failedJars = new ConcurrentHashMap<>();
    private final Object lifecycle = new Object();
    final Counter calls;
    final Counter failures;
    private final Counter trips;
    private final Counter events;
    private final Counter changes;
    private PluginRouter router;

    public PluginHost(PluginSettings settings, Set<String> storeIds, UnifiedJedis redis, Metrics metrics,
                      ScheduledExecutorService timer, StoreServices services) {
        this.settings = settings;
        this.stores = Set.copyOf(storeIds);
        this.redis = redis;
        this.timer = timer;
        this.services = services;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
        settings.stores().forEach((store, perPlugin) -> enablement.put(store, new ConcurrentHashMap<>(perPlugin)));
        calls = metrics.counter("kefu_plugin_calls_total", "Plugin handler calls by outcome", "plugin", "outcome");
        failures = metrics.counter("kefu_plugin_failures_total",
                "Contained plugin failures (the buyer got the fallback)", "plugin", "kind");
        trips = metrics.counter("kefu_plugin_breaker_trips_total", "Plugins switched off by their circuit breaker", "plugin");
        events = metrics.counter("kefu_plugin_events_total", "Events counted by plugins", "plugin", "store", "event");
        changes = metrics.counter("kefu_plugin_lifecycle_total", "Plugin loads, reloads and unloads", "plugin", "action");
    }

    public PluginSettings settings() {
        return settings;
    }

    /** Puts the plugins into the bot's turn (as middleware before the decision). Call once. */
    public PluginHost install(BotApp app) {
        if (router != null) {
            throw new IllegalStateException("already installed");
        }
        router = new PluginRouter(this, app.escalation());
        app.use(router);
        return this;
    }

    // ---- loading -------------------------------------------------------------------------------

    /** Loads every {@code *.jar} in {@code plugins.dir} not loaded yet, and the configured remote plugins; bad jars are logged and listed. */
    public List<PluginStatus> loadAll() {
        for (RemoteSpec spec : settings.remote()) {
            if (!current.containsKey(spec.id())) {
                try {
                    registerRemote(spec);
                } catch (PluginLoadException e) {
                    log.error("remote plugin {} not loaded: {}", spec.id(), e.getMessage());
                }
            }
        }
        Path dir = settings.dir();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> jars = Files.list(dir)) {
                for (Path jar : jars.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList()) {
                    if (sources.values().stream().noneMatch(s -> s.describe().equals(jar.toString()))) {
                        try {
                            load(jar);
                        } catch (PluginLoadException e) {
                            log.error("plugin jar not loaded: {}", e.getMessage());
                        }
                    }
                }
            } catch (IOException e) {
                log.error("cannot list plugins.dir {}: {}", dir, e.getMessage());
            }
        } else {
            log.info("plugins.dir {} does not exist; no plugin jars loaded", dir.toAbsolutePath());
        }
        return list();
    }

    /** Loads a plugin jar (or replaces the plugin it holds when that id was loaded from the same file). */
    public PluginStatus load(Path jar) throws PluginLoadException {
        try {
            PluginStatus s = install(PluginSource.jar(jar), Optional.empty());
            failedJars.remove(jar.toString());
            return s;
        } catch (PluginLoadException e) {
            failedJars.put(jar.toString(), e.getMessage());
            throw e;
        }
    }

    /** An in-process plugin (tests, built-in skills); {@code factory} makes a fresh instance on every reload. */
    public PluginStatus register(Supplier<? extends KefuPlugin> factory) throws PluginLoadException {
        return install(PluginSource.supplier("in-process", "in-process", factory), Optional.empty());
    }

    /** A remote plugin: an HTTP webhook kefu calls for the intents routed to it. */
    public PluginStatus registerRemote(RemoteSpec spec) throws PluginLoadException {
        return install(PluginSource.supplier("remote", spec.url().toString(), () -> new RemotePlugin(spec, http)), Optional.empty());
    }

    /** Loads a fresh instance from where the plugin came from (its jar file again) and swaps it in. */
    public PluginStatus reload(String id) throws PluginLoadException {
        PluginSource src = sources.get(id);
        if (src == null) {
            throw new PluginLoadException("no plugin " + id + " is loaded");
        }
        return install(src, Optional.of(id));
    }

    /** Removes a plugin; turns already using it finish first. */
    public void unload(String id) throws PluginLoadException {
        synchronized (lifecycle) {
            PluginGeneration g = current.remove(id);
            if (g == null) {
                throw new PluginLoadException("no plugin " + id + " is loaded");
            }
            order.remove(id);
            sources.remove(id);
            changes.labels(id, "unload").inc();
            retire(g);
        }
        log.info("plugin {} unloaded", id);
    }

    private PluginStatus install(PluginSource src, Optional<String> expectedId) throws PluginLoadException {
        synchronized (lifecycle) {
            PluginSource.Opened opened = src.open();
            PluginGeneration g;
            try {
                g = start(opened, src);
            } catch (PluginLoadException e) {
                PluginJar.discard(opened.loader(), opened.workDir());
                throw e;
            }
            String id = g.id;
            if (expectedId.isPresent() && !expectedId.get().equals(id)) {
                retire(g);
                throw new PluginLoadException(src.describe() + " now holds plugin " + id + ", not " + expectedId.get() + "; nothing changed");
            }
            PluginSource known = sources.get(id);
            if (known != null && !known.describe().equals(src.describe())) {
                retire(g);
                throw new PluginLoadException("plugin id " + id + " is already loaded from " + known.describe() + "; nothing changed");
            }
            PluginGeneration old = current.put(id, g);
            sources.put(id, src);
            health.computeIfAbsent(id, k -> new PluginHealth(settings.breakerFailures())).reset();
            if (!order.contains(id)) {
                order.add(id);
            }
            schedule(g);
            changes.labels(id, old == null ? "load" : "reload").inc();
            log.info("plugin {} {} {} ({}, {})", id, g.version, old == null ? "loaded" : "reloaded", src.kind(), src.describe());
            if (old != null) {
                retire(old);
            }
            return status(id).orElseThrow();
        }
    }

    /** Calls the plugin's id/version/start on its own threads under the budget. */
    private PluginGeneration start(PluginSource.Opened o, PluginSource src) throws PluginLoadException {
        KefuPlugin plugin = o.plugin();
        ClassLoader tccl = o.loader() != null ? o.loader() : plugin.getClass().getClassLoader();
        ExecutorService pool = pool(src.describe(), tccl);
        String[] idVersion = new String[2];
        HostPluginContext[] ctx = new HostPluginContext[1];
        try {
            GuardedCall.Outcome named = GuardedCall.run(pool, settings.budget(), () -> {
                idVersion[0] = plugin.id();
                idVersion[1] = plugin.version();
                return null;
            });
            if (!named.ok()) {
                throw new PluginLoadException(src.describe() + ": id()/version() failed: " + named.describe());
            }
            String id = idVersion[0];
            if (id == null || !PluginSettings.ID.matcher(id).matches()) {
                throw new PluginLoadException(src.describe() + ": plugin id '" + id + "' is not valid (" + PluginSettings.ID + ")");
            }
            if (idVersion[1] == null || idVersion[1].isBlank() || idVersion[1].length() > 64) {
                throw new PluginLoadException(src.describe() + ": plugin " + id + " must have a version (1-64 characters)");
            }
            ctx[0] = new HostPluginContext(id, LoggerFactory.getLogger("kefu.plugin." + id), metricsFor(id));
            Duration startBudget = settings.budget().multipliedBy(5);
            GuardedCall.Outcome started = GuardedCall.run(pool, startBudget, () -> {
                plugin.start(ctx[0]);
                return null;
            });
            ctx[0].close();
            if (!started.ok()) {
                throw new PluginLoadException(src.describe() + ": plugin " + id + " failed to start: " + started.describe(), started.error());
            }
            Duration budget = plugin instanceof RemotePlugin r ? r.budget() : settings.budget();
            return new PluginGeneration(plugin, src.kind(), src.kind().equals("jar") ? Path.of(src.describe()) : null,
                    o.loader(), o.workDir(), ctx[0].registrations, pool, budget);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pool.shutdownNow();
            throw new PluginLoadException(src.describe() + ": interrupted while starting");
        } catch (PluginLoadException e) {
            pool.shutdownNow();
            throw e;
        }
    }

    private ExecutorService pool(String name, ClassLoader tccl) {
        AtomicInteger n = new AtomicInteger();
        String base = "kefu-plugin-" + Path.of(name).getFileName();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(0, settings.maxConcurrentCalls(), 30, TimeUnit.SECONDS,
                new SynchronousQueue<>(), r -> {
                    Thread t = new Thread(r, base + "-" + n.incrementAndGet());
                    t.setDaemon(true);
                    t.setContextClassLoader(tccl);
                    return t;
                });
        return pool;
    }

    private PluginMetrics metricsFor(String id) {
        return (storeId, event) -> {
            if (!stores.contains(storeId)) {
                throw new IllegalArgumentException("no such store: " + storeId);
            }
            if (event == null || !EVENT.matcher(event).matches()) {
                throw new IllegalArgumentException("event name must match " + EVENT);
            }
            events.labels(id, storeId, event).inc();
        };
    }

    private void schedule(PluginGeneration g) {
        List<ScheduledFuture<?>> jobs = new ArrayList<>();
        for (Registrations.Job job : g.registrations.jobs.values()) {
            long ms = job.every().toMillis();
            jobs.add(timer.scheduleWithFixedDelay(() -> runJob(g, job), ms, ms, TimeUnit.MILLISECONDS));
        }
        g.jobs = List.copyOf(jobs);
    }

    private void runJob(PluginGeneration g, Registrations.Job job) {
        for (String store : stores) {
            if (!enabled(store, g.id) || !g.tryEnter()) {
                continue;
            }
            try {
                StoreScopeView scope = scope(g.id, store);
                GuardedCall.Outcome o = GuardedCall.run(g.calls, g.budget, () -> {
                    job.job().run(scope);
                    return null;
                });
                record(g.id, o, "job " + job.name() + " for store " + store);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("plugin {} job {}: {}", g.id, job.name(), e.toString());
            } finally {
                g.exit();
            }
        }
    }

    /** Stops a generation once its in-flight turns left (bounded by {@code plugins.drain_ms}). */
    private void retire(PluginGeneration g) {
        g.jobs.forEach(f -> f.cancel(false));
        try {
            if (!g.retireAndDrain(settings.drain())) {
                log.warn("plugin {}: turns still running after {} ms; stopping it anyway", g.id, settings.drain().toMillis());
            }
            GuardedCall.Outcome stopped = GuardedCall.run(g.calls, settings.budget(), () -> {
                g.plugin.stop();
                return null;
            });
            if (!stopped.ok()) {
                log.warn("plugin {} {}: stop() failed: {}", g.id, g.version, stopped.describe());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            g.calls.shutdownNow();
            PluginJar.discard(g.loader, g.workDir);
        }
    }

    // ---- per store --------------------------------------------------------------------------------

    public void enable(String storeId, String id) {
        requireStoreAndPlugin(storeId, id);
        enablement.computeIfAbsent(storeId, s -> new ConcurrentHashMap<>())
                .merge(id, new PluginSettings.StoreEntry(true, PluginConfig.empty()),
                        (old, fresh) -> new PluginSettings.StoreEntry(true, old.config()));
        // Enabling is the operator's "try again": a switched-off plugin gets a fresh breaker.
        health.get(id).reset();
        log.info("plugin {} enabled for store {}", id, storeId);
    }

    public void disable(String storeId, String id) {
        requireStoreAndPlugin(storeId, id);
        enablement.computeIfAbsent(storeId, s -> new ConcurrentHashMap<>())
                .merge(id, new PluginSettings.StoreEntry(false, PluginConfig.empty()),
                        (old, fresh) -> new PluginSettings.StoreEntry(false, old.config()));
        log.info("plugin {} disabled for store {}", id, storeId);
    }

    /** Replaces a store's config for a plugin (keeps whether it is enabled). */
    public void configure(String storeId, String id, PluginConfig config) {
        requireStoreAndPlugin(storeId, id);
        enablement.computeIfAbsent(storeId, s -> new ConcurrentHashMap<>())
                .merge(id, new PluginSettings.StoreEntry(false, config),
                        (old, fresh) -> new PluginSettings.StoreEntry(old.enabled(), config));
    }

    private void requireStoreAndPlugin(String storeId, String id) {
        if (!stores.contains(storeId)) {
            throw new IllegalArgumentException("no such store: " + storeId);
        }
        if (!current.containsKey(id)) {
            throw new IllegalArgumentException("no plugin " + id + " is loaded");
        }
    }

    boolean enabled(String storeId, String id) {
        Map<String, PluginSettings.StoreEntry> m = enablement.get(storeId);
        PluginSettings.StoreEntry e = m == null ? null : m.get(id);
        PluginHealth h = health.get(id);
        return e != null && e.enabled() && h != null && !h.switchedOff();
    }

    PluginConfig config(String storeId, String id) {
        Map<String, PluginSettings.StoreEntry> m = enablement.get(storeId);
        PluginSettings.StoreEntry e = m == null ? null : m.get(id);
        return e == null ? PluginConfig.empty() : e.config();
    }

    StoreScopeView scope(String pluginId, String storeId) {
        return new StoreScopeView(storeId, config(storeId, pluginId), new RedisPluginStorage(redis, pluginId, storeId),
                services.erp().apply(storeId), services.knowledge().apply(storeId));
    }

    /** The generations serving a store now, each entered (call {@link PluginGeneration#exit()} on every one). */
    List<PluginGeneration> enter(String storeId) {
        List<PluginGeneration> out = new ArrayList<>();
        for (String id : order) {
            if (!enabled(storeId, id)) {
                continue;
            }
            enterOne(id).ifPresent(out::add);
        }
        return out;
    }

    /** The current generation of a plugin, entered (or empty when it is not loaded). */
    Optional<PluginGeneration> enterOne(String id) {
        PluginGeneration g;
        while ((g = current.get(id)) != null && !g.tryEnter()) {
            Thread.onSpinWait(); // a reload is swapping it: the next read sees the new generation
        }
        return Optional.ofNullable(g);
    }

    /** Counts an outcome; trips the breaker (with an alert) after too many failures in a row. */
    void record(String id, GuardedCall.Outcome o, String what) {
        PluginHealth h = health.get(id);
        if (o.ok()) {
            if (h != null) {
                h.success();
            }
            return;
        }
        String kind = o.failure().name().toLowerCase();
        failures.labels(id, kind).inc();
        log.warn("plugin {} failed ({}): {}", id, what, o.describe());
        if (h != null && h.failure(kind, o.describe())) {
            trips.labels(id).inc();
            log.error("ALERT plugin {} switched off for every store after {} consecutive failures (last: {}); "
                    + "fix it, then reload or re-enable it", id, settings.breakerFailures(), o.describe());
        }
    }

    // ---- operators ----------------------------------------------------------------------------------

    public List<PluginStatus> list() {
        List<PluginStatus> out = new ArrayList<>();
        for (String id : order) {
            status(id).ifPresent(out::add);
        }
        return out;
    }

    /** Jar paths that failed to load, with the reason. */
    public Map<String, String> failedJars() {
        return new TreeMap<>(failedJars);
    }

    public Optional<PluginStatus> status(String id) {
        PluginGeneration g = current.get(id);
        if (g == null) {
            return Optional.empty();
        }
        PluginHealth h = health.get(id);
        List<String> on = stores.stream().sorted().filter(s -> {
            Map<String, PluginSettings.StoreEntry> m = enablement.get(s);
            return m != null && m.containsKey(id) && m.get(id).enabled();
        }).toList();
        return Optional.of(new PluginStatus(id, g.version, g.kind, sources.get(id).describe(),
                h.switchedOff() ? PluginStatus.SWITCHED_OFF : PluginStatus.ACTIVE, on, h.failureCounts(),
                h.consecutiveFailures(), h.lastFailure()));
    }

    /** Runs a plugin's admin command for one store under the budget. */
    public String command(String id, String name, String storeId, Map<String, String> args) throws InterruptedException {
        requireStoreAndPlugin(storeId, id);
        if (!enabled(storeId, id)) {
            throw new IllegalArgumentException("plugin " + id + " is not enabled for store " + storeId);
        }
        PluginGeneration g = enterOne(id).orElseThrow(() -> new IllegalArgumentException("no plugin " + id + " is loaded"));
        try {
            var cmd = g.registrations.commands.get(name);
            if (cmd == null) {
                throw new IllegalArgumentException("plugin " + id + " has no admin command " + name
                        + " (has: " + g.registrations.commands.keySet() + ")");
            }
            String[] out = new String[1];
            StoreScopeView scope = scope(id, storeId);
            GuardedCall.Outcome o = GuardedCall.run(g.calls, g.budget, () -> {
                out[0] = cmd.run(scope, Map.copyOf(args));
                return null;
            });
            if (o.failure() == GuardedCall.Failure.ERROR && o.error() instanceof IllegalArgumentException bad) {
                throw new IllegalArgumentException(bad.getMessage());
            }
            if (!o.ok()) {
                throw new IllegalStateException("plugin " + id + " command " + name + " failed: " + o.describe());
            }
            return out[0] == null ? "" : out[0];
        } finally {
            g.exit();
        }
    }

    @Override
    public void close() {
        synchronized (lifecycle) {
            for (String id : List.copyOf(order)) {
                PluginGeneration g = current.remove(id);
                order.remove(id);
                if (g != null) {
                    retire(g);
                }
            }
        }
    }
}

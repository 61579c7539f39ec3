package io.kefu.handlers.plugin.host;

import io.kefu.handlers.plugin.AdminCommand;
import io.kefu.handlers.plugin.PluginContext;
import io.kefu.handlers.plugin.PluginMetrics;
import io.kefu.handlers.plugin.PluginMiddleware;
import io.kefu.handlers.plugin.StoreJob;
import io.kefu.handlers.plugin.TurnHandler;
import java.time.Duration;
import java.util.regex.Pattern;
import org.slf4j.Logger;

/** The context a plugin registers through; closed once {@code start} returned. */
final class HostPluginContext implements PluginContext {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    private final String id;
    private final Logger log;
    private final PluginMetrics metrics;
    final Registrations registrations = new Registrations();
    private volatile boolean closed;

    HostPluginContext(String id, Logger log, PluginMetrics metrics) {
        this.id = id;
        this.log = log;
        this.metrics = metrics;
    }

    void close() {
        closed = true;
    }

    private void check(String what, String name) {
        if (closed) {
            throw new IllegalStateException("plugin " + id + ": register " + what + " only during start()");
        }
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("plugin " + id + ": " + what + " name must match " + NAME + " (got " + name + ")");
        }
    }

    @Override
    public String pluginId() {
        return id;
    }

    @Override
    public PluginContext onIntent(String intent, TurnHandler handler) {
        check("intent", intent);
        if (registrations.keyByIntent.containsKey(intent)) {
            throw new IllegalArgumentException("plugin " + id + ": intent " + intent + " registered twice");
        }
        String key = "intent:" + intent;
        registrations.byKey.put(key, java.util.Objects.requireNonNull(handler, "handler"));
        registrations.keyByIntent.put(intent, key);
        return this;
    }

    @Override
    public PluginContext flow(String name, String startIntent, TurnHandler handler) {
        check("flow", name);
        check("intent", startIntent);
        if (registrations.keyByIntent.containsKey(startIntent)) {
            throw new IllegalArgumentException("plugin " + id + ": intent " + startIntent + " registered twice");
        }
        String key = "flow:" + name;
        if (registrations.byKey.putIfAbsent(key, java.util.Objects.requireNonNull(handler, "handler")) != null) {
            throw new IllegalArgumentException("plugin " + id + ": flow " + name + " registered twice");
        }
        registrations.keyByIntent.put(startIntent, key);
        return this;
    }

    @Override
    public PluginContext use(PluginMiddleware middleware) {
        check("middleware", "middleware");
        registrations.middleware(java.util.Objects.requireNonNull(middleware, "middleware"));
        return this;
    }

    @Override
    public PluginContext schedule(String name, Duration every, StoreJob job) {
        check("job", name);
        if (every == null || every.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("plugin " + id + ": job " + name + " must run at most once a second");
        }
        if (registrations.jobs.putIfAbsent(name, new Registrations.Job(name, every, java.util.Objects.requireNonNull(job))) != null) {
            throw new IllegalArgumentException("plugin " + id + ": job " + name + " registered twice");
        }
        return this;
    }

    @Override
    public PluginContext adminCommand(String name, AdminCommand command) {
        check("admin command", name);
        if (registrations.commands.putIfAbsent(name, java.util.Objects.requireNonNull(command)) != null) {
            throw new IllegalArgumentException("plugin " + id + ": admin command " + name + " registered twice");
        }
        return this;
    }

    @Override
    public Logger log() {
        return log;
    }

    @Override
    public PluginMetrics metrics() {
        return metrics;
    }
}

package io.kefu.handlers.plugin;

import java.time.Duration;
import org.slf4j.Logger;

/** What a plugin gets at start to register itself. Registrations are only valid during {@code start}. */
public interface PluginContext {

    /** This plugin's id. */
    String pluginId();

    /**
     * Answers an intent for the stores that enabled the plugin. The handler runs after the built-in
     * escalation rules (a buyer asking for a person still gets one) and instead of the built-in reply.
     * A handler that queues no reply, question or hand-off declines: the turn continues as if the
     * plugin were not there (slots it set are kept).
     */
    PluginContext onIntent(String intent, TurnHandler handler);

    /**
     * A multi-turn flow (for now: a handler that is started by an intent and keeps the conversation
     * with {@link Turn#ask}; the buyer's answer comes back to the same handler with
     * {@link Turn#answeringAsk()} true, whatever its intent).
     */
    PluginContext flow(String name, String startIntent, TurnHandler handler);

    /** Sees every turn of the stores that enabled the plugin, before intent handlers; see {@link PluginMiddleware}. */
    PluginContext use(PluginMiddleware middleware);

    /** Runs {@code job} every {@code every} (≥ 1 s) once per store that enabled the plugin, under the time budget. */
    PluginContext schedule(String name, Duration every, StoreJob job);

    /** An operator command, run through the admin API / CLI for one store. */
    PluginContext adminCommand(String name, AdminCommand command);

    /** Logger named {@code kefu.plugin.<id>}. */
    Logger log();

    /** Counters exported on kefu's {@code /metrics}. */
    PluginMetrics metrics();
}

package io.kefu.handlers.plugin;

/**
 * Sees every turn of a store that enabled the plugin, after intent classification and before any
 * intent handler. Queue a reply, question or hand-off to answer the turn yourself (nothing else
 * runs); queue only slots (or nothing) to let it continue.
 */
@FunctionalInterface
public interface PluginMiddleware {
    void handle(Turn turn) throws Exception;
}

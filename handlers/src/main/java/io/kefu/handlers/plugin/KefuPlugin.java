package io.kefu.handlers.plugin;

/**
 * A plugin: found with {@link java.util.ServiceLoader} in its jar, instantiated once per load
 * (a reload creates a new instance in a new class loader).
 */
public interface KefuPlugin {

    /** Stable id: lower-case letters, digits, {@code . _ -} (1–64); names it in config, admin API and metrics. */
    String id();

    /** Shown by {@code ./kefu plugins list}; any non-blank text (semantic versions recommended). */
    String version();

    /**
     * Registers the plugin's handlers, middleware, jobs and admin commands. Runs under the plugin
     * time budget; throwing (or hanging) fails the load and leaves kefu as it was.
     */
    void start(PluginContext ctx) throws Exception;

    /** Called when the plugin is unloaded or replaced, after its last in-flight turn finished. */
    default void stop() throws Exception {
    }
}

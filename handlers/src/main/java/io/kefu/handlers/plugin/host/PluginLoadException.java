package io.kefu.handlers.plugin.host;

/** A plugin could not be loaded, reloaded or found; nothing was changed. The message says why. */
public final class PluginLoadException extends Exception {
    public PluginLoadException(String message) {
        super(message);
    }

    public PluginLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}

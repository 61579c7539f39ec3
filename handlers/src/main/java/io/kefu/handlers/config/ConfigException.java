package io.kefu.handlers.config;

/** A bad configuration value; the message always names the key path (e.g. {@code stores[0].channels[1].token}). */
public final class ConfigException extends RuntimeException {
    private final String key;

    public ConfigException(String source, String key, String problem) {
        super(source + ": " + key + ": " + problem);
        this.key = key;
    }

    public String key() {
        return key;
    }
}

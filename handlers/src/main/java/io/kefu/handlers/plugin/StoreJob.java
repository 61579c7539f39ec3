package io.kefu.handlers.plugin;

/** A scheduled job, called once per store that enabled the plugin. */
@FunctionalInterface
public interface StoreJob {
    void run(StoreScope store) throws Exception;
}

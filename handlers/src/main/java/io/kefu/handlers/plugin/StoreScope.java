package io.kefu.handlers.plugin;

/** One store as a plugin sees it outside a turn (jobs, admin commands). */
public interface StoreScope {
    String storeId();

    /** This store's configuration for this plugin. */
    PluginConfig config();

    /** Storage private to this plugin and this store. */
    PluginStorage storage();

    ErpLookup erp();

    KnowledgeBase knowledge();
}

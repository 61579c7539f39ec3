package io.kefu.handlers.plugin.host;

import io.kefu.handlers.plugin.ErpLookup;
import io.kefu.handlers.plugin.KnowledgeBase;
import io.kefu.handlers.plugin.PluginConfig;
import io.kefu.handlers.plugin.PluginStorage;
import io.kefu.handlers.plugin.StoreScope;

/** One store as one plugin may see it: everything here is already narrowed to that pair. */
record StoreScopeView(String storeId, PluginConfig config, PluginStorage storage, ErpLookup erp,
                      KnowledgeBase knowledge) implements StoreScope {
}

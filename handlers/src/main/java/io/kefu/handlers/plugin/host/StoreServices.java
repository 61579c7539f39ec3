package io.kefu.handlers.plugin.host;

import io.kefu.handlers.plugin.ErpLookup;
import io.kefu.handlers.plugin.KnowledgeBase;
import java.util.function.Function;

/**
 * Where plugins' ERP and knowledge-base views of a store come from. The dialogue module's ERP
 * client and knowledge base plug in here when they implement {@link ErpLookup} /
 * {@link KnowledgeBase}; until then stores have neither ({@link #none()}).
 */
public record StoreServices(Function<String, ErpLookup> erp, Function<String, KnowledgeBase> knowledge) {
    public static StoreServices none() {
        return new StoreServices(ErpLookup::none, KnowledgeBase::none);
    }
}

package io.kefu.handlers.plugin;

import java.util.List;

/**
 * The store's knowledge base (FAQ answers), for the current store only. {@link #available()} is
 * false when the store has none; searches then throw {@link NotAvailableException}.
 */
public interface KnowledgeBase {
    boolean available();

    /** The best answers for {@code query}, best first, at most {@code limit}. */
    List<Answer> search(String query, int limit) throws Exception;

    record Answer(String question, String answer, double score) {
    }

    static KnowledgeBase none(String storeId) {
        return new KnowledgeBase() {
            @Override
            public boolean available() {
                return false;
            }

            @Override
            public List<Answer> search(String query, int limit) {
                throw new NotAvailableException("no knowledge base is configured for store " + storeId);
            }
        };
    }
}

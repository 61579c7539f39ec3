package io.kefu.handlers.plugin;

import java.util.Map;
import java.util.Optional;

/**
 * The store's order system, as far as a plugin may see it: look-ups for the current store only.
 * When kefu has no ERP connection for the store, {@link #available()} is false and look-ups throw
 * {@link NotAvailableException} (handle it, or let the buyer get the fallback).
 */
public interface ErpLookup {
    boolean available();

    /** An order of this store by id; empty when there is no such order. */
    Optional<Order> order(String orderId) throws Exception;

    /** What a plugin learns about an order. {@code fields} holds anything else the ERP returned. */
    record Order(String id, String status, String carrier, String trackingNumber, Map<String, String> fields) {
        public Order {
            fields = Map.copyOf(fields);
        }
    }

    /** The look-up for a store without an ERP connection. */
    static ErpLookup none(String storeId) {
        return new ErpLookup() {
            @Override
            public boolean available() {
                return false;
            }

            @Override
            public Optional<Order> order(String orderId) {
                throw new NotAvailableException("no ERP is connected for store " + storeId);
            }
        };
    }
}

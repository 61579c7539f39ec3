package io.kefu.handlers.plugin;

/** A service the plugin asked for (ERP, knowledge base) is not set up for this store. */
public final class NotAvailableException extends RuntimeException {
    public NotAvailableException(String message) {
        super(message);
    }
}

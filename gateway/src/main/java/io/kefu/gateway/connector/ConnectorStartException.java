package io.kefu.gateway.connector;

/** The platform refused this channel's credentials or settings: the node must not start with them. */
public final class ConnectorStartException extends Exception {
    public ConnectorStartException(String message) {
        super(message);
    }
}

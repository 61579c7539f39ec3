package io.kefu.gateway.connector;

/** A connector's connection, as exported in {@code kefu_connector_state{channel}} (the ordinal). */
public enum ConnectionState {
    /** Not started or closed. */
    STOPPED,
    /** Opening the first connection. */
    CONNECTING,
    /** Receiving events (socket up and greeted, or webhook registered). */
    CONNECTED,
    /** Lost the connection; waiting out the backoff or opening the next one. */
    RECONNECTING,
    /** The platform refused us for good (bad credentials, app disabled); no more attempts. */
    FAILED
}

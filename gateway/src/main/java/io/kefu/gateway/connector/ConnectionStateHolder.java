package io.kefu.gateway.connector;

import java.util.concurrent.atomic.AtomicReference;

/** A connector's state, kept in step with the {@code kefu_connector_state} series. */
public final class ConnectionStateHolder {
    private final String channel;
    private final ConnectorMetrics metrics;
    private final AtomicReference<ConnectionState> state = new AtomicReference<>(ConnectionState.STOPPED);

    public ConnectionStateHolder(String channel, ConnectorMetrics metrics) {
        this.channel = channel;
        this.metrics = metrics;
        metrics.stateChanged(channel, null, ConnectionState.STOPPED);
    }

    public ConnectionState get() {
        return state.get();
    }

    public void set(ConnectionState next) {
        ConnectionState prev = state.getAndSet(next);
        metrics.stateChanged(channel, prev, next);
    }

    /** Sets {@code next} unless the connector already failed or stopped for good. */
    public boolean setUnlessTerminal(ConnectionState next) {
        while (true) {
            ConnectionState prev = state.get();
            if (prev == ConnectionState.FAILED || prev == ConnectionState.STOPPED && next != ConnectionState.CONNECTING) {
                return false;
            }
            if (state.compareAndSet(prev, next)) {
                metrics.stateChanged(channel, prev, next);
                return true;
            }
        }
    }
}

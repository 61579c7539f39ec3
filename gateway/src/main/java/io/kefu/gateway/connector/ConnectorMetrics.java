package io.kefu.gateway.connector;

import io.kefu.handlers.metrics.Counter;
import io.kefu.handlers.metrics.LabeledGauge;
import io.kefu.handlers.metrics.Metrics;
import java.util.Locale;

/** The {@code kefu_connector_*} series (README, "Platform connectors"). */
public final class ConnectorMetrics {
    public final LabeledGauge state;
    public final Counter transitions;
    public final Counter reconnects;
    public final Counter acks;
    public final Counter dropped;
    public final Counter sendRetries;
    public final Counter sends;

    public ConnectorMetrics(Metrics registry) {
        // One-hot per channel: 1 on the state the connector is in, 0 on the states it has left.
        state = registry.gauges("kefu_connector_state", "1 for the state each channel's connection is in, 0 for the others",
                "channel", "state");
        transitions = registry.counter("kefu_connector_state_changes_total", "Connection state changes, per channel and new state",
                "channel", "state");
        reconnects = registry.counter("kefu_connector_reconnects_total",
                "Connections re-opened after a loss or at the platform's request, per channel", "channel");
        acks = registry.counter("kefu_connector_acks_total", "Platform events acknowledged after persisting, per channel", "channel");
        dropped = registry.counter("kefu_connector_dropped_total",
                "Inbound platform frames or requests refused or dropped, per channel and reason", "channel", "reason");
        sendRetries = registry.counter("kefu_connector_send_retries_total", "Reply sends retried, per channel and reason",
                "channel", "reason");
        sends = registry.counter("kefu_connector_sends_total", "Reply send attempts, per channel and outcome", "channel", "outcome");
    }

    /** Moves the one-hot state series of a channel; call on every transition (old may equal new). */
    public void stateChanged(String channel, ConnectionState from, ConnectionState to) {
        if (from == to) {
            return;
        }
        if (from != null) {
            state.labels(channel, name(from)).set(0);
        }
        state.labels(channel, name(to)).set(1);
        transitions.labels(channel, name(to)).inc();
    }

    public void dropped(String channel, String reason) {
        dropped.labels(channel, reason).inc();
    }

    public void acked(String channel) {
        acks.labels(channel).inc();
    }

    public void reconnected(String channel) {
        reconnects.labels(channel).inc();
    }

    static String name(ConnectionState s) {
        return s.name().toLowerCase(Locale.ROOT);
    }
}

package io.kefu.gateway.connector.slack;

import io.kefu.gateway.net.WebSocketLink;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One Socket Mode WebSocket. It speaks JSON text only, and carries what the connector needs to
 * retire it gracefully: whether Slack said hello on it, and how many envelopes still await an ack.
 */
final class SlackSocket extends WebSocketLink<SlackSocket> {
    static final int MAX_MESSAGE_CHARS = 1024 * 1024;

    private static final AtomicInteger IDS = new AtomicInteger();

    final int id;
    /** Envelopes received on this socket whose ack has not been sent yet. */
    final AtomicInteger inFlight = new AtomicInteger();
    volatile boolean retiring;
    volatile boolean greeted;

    private SlackSocket(int id, Listener<SlackSocket> listener) {
        super(Speaks.TEXT, MAX_MESSAGE_CHARS, "Slack", "socket " + id + " is closed", listener);
        this.id = id;
    }

    static CompletableFuture<SlackSocket> open(HttpClient http, URI url, Duration timeout, Listener<SlackSocket> listener) {
        return new SlackSocket(IDS.incrementAndGet(), listener).connect(http, url, timeout);
    }
}

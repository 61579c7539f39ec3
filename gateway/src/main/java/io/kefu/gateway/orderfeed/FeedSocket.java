package io.kefu.gateway.orderfeed;

import io.kefu.gateway.net.WebSocketLink;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** One order-feed WebSocket; Taobao's TMC speaks binary frames, Pinduoduo's push JSON text. */
public final class FeedSocket extends WebSocketLink<FeedSocket> {
    static final int MAX_MESSAGE_BYTES = 1024 * 1024;

    private FeedSocket(Listener<FeedSocket> listener) {
        super(Speaks.BINARY_AND_TEXT, MAX_MESSAGE_BYTES, "the platform", "socket closed", listener);
    }

    static CompletableFuture<FeedSocket> open(HttpClient http, URI url, Duration timeout, Listener<FeedSocket> listener) {
        return new FeedSocket(listener).connect(http, url, timeout);
    }
}

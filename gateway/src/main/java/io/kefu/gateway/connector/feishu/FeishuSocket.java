package io.kefu.gateway.connector.feishu;

import io.kefu.gateway.net.WebSocketLink;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One long-connection WebSocket. It speaks binary pbbp2 frames only, and remembers the service id
 * its endpoint was issued for, because every ping on it must carry that id.
 */
final class FeishuSocket extends WebSocketLink<FeishuSocket> {
    private static final AtomicInteger IDS = new AtomicInteger();

    final int id;
    final int serviceId;

    private FeishuSocket(int id, int serviceId, Listener<FeishuSocket> listener) {
        super(Speaks.BINARY, Pbbp2Codec.MAX_FRAME_BYTES, "Feishu", "socket " + id + " is closed", listener);
        this.id = id;
        this.serviceId = serviceId;
    }

    static CompletableFuture<FeishuSocket> open(HttpClient http, URI url, int serviceId, Duration timeout, Listener<FeishuSocket> listener) {
        return new FeishuSocket(IDS.incrementAndGet(), serviceId, listener).connect(http, url, timeout);
    }
}

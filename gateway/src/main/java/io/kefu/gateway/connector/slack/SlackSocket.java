package io.kefu.gateway.connector.slack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One Socket Mode WebSocket (java.net.http). Reassembles fragmented text messages, refuses
 * oversized ones without closing, serialises sends (the JDK allows one outstanding send), and
 * tracks pongs so a silent, half-open link can be recognised. Events go to a {@link Listener};
 * {@link Listener#lost} fires exactly once however the socket ends.
 */
final class SlackSocket {
    static final int MAX_MESSAGE_CHARS = 1024 * 1024;

    interface Listener {
        void text(SlackSocket socket, String text);

        void dropped(SlackSocket socket, String reason);

        void lost(SlackSocket socket, int closeCode, String why);
    }

    private static final AtomicInteger IDS = new AtomicInteger();

    final int id = IDS.incrementAndGet();
    private final Listener listener;
    private final AtomicBoolean lost = new AtomicBoolean();
    /** Envelopes received on this socket whose ack has not been sent yet. */
    final AtomicInteger inFlight = new AtomicInteger();
    private volatile WebSocket ws;
    private volatile long lastPongNanos = System.nanoTime();
    private CompletableFuture<?> sendTail = CompletableFuture.completedFuture(null);
    volatile boolean retiring;
    volatile boolean greeted;

    private SlackSocket(Listener listener) {
        this.listener = listener;
    }

    static CompletableFuture<SlackSocket> open(HttpClient http, URI url, Duration timeout, Listener listener) {
        SlackSocket s = new SlackSocket(listener);
        return http.newWebSocketBuilder().connectTimeout(timeout).buildAsync(url, s.new Receiver()).thenApply(ws -> {
            s.ws = ws;
            return s;
        });
    }

    CompletableFuture<?> sendText(String text) {
        synchronized (this) {
            sendTail = sendTail.handle((x, e) -> null).thenCompose(x -> {
                WebSocket w = ws;
                if (w == null || w.isOutputClosed()) {
                    return CompletableFuture.failedFuture(new IllegalStateException("socket " + id + " is closed"));
                }
                return w.sendText(text, true);
            });
            return sendTail;
        }
    }

    void ping() {
        synchronized (this) {
            sendTail = sendTail.handle((x, e) -> null).thenCompose(x -> {
                WebSocket w = ws;
                return w == null || w.isOutputClosed() ? CompletableFuture.completedFuture(null) : w.sendPing(ByteBuffer.allocate(0));
            });
        }
    }

    long nanosSinceLastPong() {
        return System.nanoTime() - lastPongNanos;
    }

    /** Polite close (1000) after pending sends; the platform's close reply ends it. */
    void close() {
        synchronized (this) {
            sendTail = sendTail.handle((x, e) -> null).thenCompose(x -> {
                WebSocket w = ws;
                return w == null || w.isOutputClosed() ? CompletableFuture.completedFuture(null) : w.sendClose(WebSocket.NORMAL_CLOSURE, "");
            });
        }
        // A peer that never answers the close must not keep the socket forever.
        CompletableFuture.delayedExecutor(2, java.util.concurrent.TimeUnit.SECONDS).execute(() -> abort("closed by kefu"));
    }

    /** Drops the TCP connection now (a zombie, or shutting down). */
    void abort(String why) {
        WebSocket w = ws;
        if (w != null) {
            w.abort();
        }
        lose(1006, why);
    }

    boolean isLost() {
        return lost.get();
    }

    private void lose(int code, String why) {
        if (lost.compareAndSet(false, true)) {
            listener.lost(this, code, why);
        }
    }

    private final class Receiver implements WebSocket.Listener {
        private final StringBuilder parts = new StringBuilder();
        private boolean oversized;

        @Override
        public void onOpen(WebSocket webSocket) {
            ws = webSocket;
            lastPongNanos = System.nanoTime();
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            if (!oversized) {
                if (parts.length() + data.length() > MAX_MESSAGE_CHARS) {
                    oversized = true;
                    parts.setLength(0);
                } else {
                    parts.append(data);
                }
            }
            if (last) {
                if (oversized) {
                    listener.dropped(SlackSocket.this, "too_large");
                } else {
                    String text = parts.toString();
                    parts.setLength(0);
                    try {
                        listener.text(SlackSocket.this, text);
                    } catch (RuntimeException e) {
                        listener.dropped(SlackSocket.this, "malformed");
                    }
                }
                oversized = false;
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            // Socket Mode speaks JSON text only.
            if (last) {
                listener.dropped(SlackSocket.this, "malformed");
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
            lastPongNanos = System.nanoTime();
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
            // The JDK answers pings itself; a ping from the platform also proves the link is alive.
            lastPongNanos = System.nanoTime();
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            lose(statusCode, "closed by Slack: " + statusCode + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            lose(1006, String.valueOf(error));
        }
    }
}

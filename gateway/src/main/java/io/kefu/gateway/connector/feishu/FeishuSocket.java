package io.kefu.gateway.connector.feishu;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One long-connection WebSocket (java.net.http) carrying binary pbbp2 frames. Joins WebSocket-level
 * continuation frames into one message (refusing oversized ones without closing), serialises sends
 * (the JDK allows one outstanding send), and remembers when anything last arrived so a silent,
 * half-open link can be recognised. {@link Listener#lost} fires exactly once however it ends.
 */
final class FeishuSocket {
    interface Listener {
        void message(FeishuSocket socket, byte[] data);

        void dropped(FeishuSocket socket, String reason);

        void lost(FeishuSocket socket, int closeCode, String why);
    }

    private static final AtomicInteger IDS = new AtomicInteger();

    final int id = IDS.incrementAndGet();
    final int serviceId;
    private final Listener listener;
    private final AtomicBoolean lost = new AtomicBoolean();
    private volatile WebSocket ws;
    private volatile long lastHeardNanos = System.nanoTime();
    private CompletableFuture<?> sendTail = CompletableFuture.completedFuture(null);

    private FeishuSocket(int serviceId, Listener listener) {
        this.serviceId = serviceId;
        this.listener = listener;
    }

    static CompletableFuture<FeishuSocket> open(HttpClient http, URI url, int serviceId, Duration timeout, Listener listener) {
        FeishuSocket s = new FeishuSocket(serviceId, listener);
        return http.newWebSocketBuilder().connectTimeout(timeout).buildAsync(url, s.new Receiver()).thenApply(ws -> {
            s.ws = ws;
            return s;
        });
    }

    CompletableFuture<?> send(byte[] frame) {
        synchronized (this) {
            sendTail = sendTail.handle((x, e) -> null).thenCompose(x -> {
                WebSocket w = ws;
                if (w == null || w.isOutputClosed()) {
                    return CompletableFuture.failedFuture(new IllegalStateException("socket " + id + " is closed"));
                }
                return w.sendBinary(ByteBuffer.wrap(frame), true);
            });
            return sendTail;
        }
    }

    long nanosSinceHeard() {
        return System.nanoTime() - lastHeardNanos;
    }

    boolean isLost() {
        return lost.get();
    }

    /** Polite close after pending sends; a peer that never answers is aborted after 2 s. */
    void close() {
        synchronized (this) {
            sendTail = sendTail.handle((x, e) -> null).thenCompose(x -> {
                WebSocket w = ws;
                return w == null || w.isOutputClosed() ? CompletableFuture.completedFuture(null) : w.sendClose(WebSocket.NORMAL_CLOSURE, "");
            });
        }
        CompletableFuture.delayedExecutor(2, TimeUnit.SECONDS).execute(() -> abort("closed by kefu"));
    }

    /** Drops the TCP connection now (a dead link, or shutting down). */
    void abort(String why) {
        WebSocket w = ws;
        if (w != null) {
            w.abort();
        }
        lose(1006, why);
    }

    private void lose(int code, String why) {
        if (lost.compareAndSet(false, true)) {
            listener.lost(this, code, why);
        }
    }

    private final class Receiver implements WebSocket.Listener {
        private final ByteArrayOutputStream parts = new ByteArrayOutputStream();
        private boolean oversized;

        @Override
        public void onOpen(WebSocket webSocket) {
            ws = webSocket;
            lastHeardNanos = System.nanoTime();
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            lastHeardNanos = System.nanoTime();
            if (!oversized) {
                if (parts.size() + data.remaining() > Pbbp2Codec.MAX_FRAME_BYTES) {
                    oversized = true;
                    parts.reset();
                } else {
                    byte[] b = new byte[data.remaining()];
                    data.get(b);
                    parts.writeBytes(b);
                }
            }
            if (last) {
                if (oversized) {
                    listener.dropped(FeishuSocket.this, "too_large");
                } else {
                    byte[] message = parts.toByteArray();
                    parts.reset();
                    try {
                        listener.message(FeishuSocket.this, message);
                    } catch (RuntimeException e) {
                        listener.dropped(FeishuSocket.this, "malformed");
                    }
                }
                oversized = false;
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            // The long connection speaks protobuf only.
            lastHeardNanos = System.nanoTime();
            if (last) {
                listener.dropped(FeishuSocket.this, "malformed");
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
            lastHeardNanos = System.nanoTime(); // the JDK answers it
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
            lastHeardNanos = System.nanoTime();
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            lose(statusCode, "closed by Feishu: " + statusCode + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            lose(1006, String.valueOf(error));
        }
    }
}

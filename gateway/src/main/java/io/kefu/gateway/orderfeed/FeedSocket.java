package io.kefu.gateway.orderfeed;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One order-feed WebSocket (java.net.http): reassembles fragmented messages, refuses oversized ones
 * without closing, serialises sends (the JDK allows one outstanding), and remembers when the peer
 * last showed life so a silent, half-open link can be dropped. {@link Listener#lost} fires once.
 */
public final class FeedSocket {
    static final int MAX_MESSAGE_BYTES = 1024 * 1024;

    interface Listener {
        void binary(FeedSocket s, ByteBuffer data);

        void text(FeedSocket s, String text);

        void dropped(FeedSocket s, String reason);

        void lost(FeedSocket s, int code, String why);
    }

    private final Listener listener;
    private final AtomicBoolean lost = new AtomicBoolean();
    private volatile WebSocket ws;
    private volatile long lastSignNanos = System.nanoTime();
    private CompletableFuture<?> tail = CompletableFuture.completedFuture(null);

    private FeedSocket(Listener listener) {
        this.listener = listener;
    }

    static CompletableFuture<FeedSocket> open(HttpClient http, URI url, Duration timeout, Listener listener) {
        FeedSocket s = new FeedSocket(listener);
        return http.newWebSocketBuilder().connectTimeout(timeout).buildAsync(url, s.new Receiver()).thenApply(ws -> {
            s.ws = ws;
            return s;
        });
    }

    CompletableFuture<?> sendBinary(byte[] data) {
        return enqueue(w -> w.sendBinary(ByteBuffer.wrap(data), true));
    }

    public CompletableFuture<?> sendText(String text) {
        return enqueue(w -> w.sendText(text, true));
    }

    void ping() {
        enqueue(w -> w.sendPing(ByteBuffer.allocate(0)));
    }

    private synchronized CompletableFuture<?> enqueue(java.util.function.Function<WebSocket, CompletableFuture<WebSocket>> op) {
        tail = tail.handle((x, e) -> null).thenCompose(x -> {
            WebSocket w = ws;
            if (w == null || w.isOutputClosed()) {
                return CompletableFuture.failedFuture(new IllegalStateException("socket closed"));
            }
            return op.apply(w);
        });
        return tail;
    }

    long nanosSilent() {
        return System.nanoTime() - lastSignNanos;
    }

    boolean isLost() {
        return lost.get();
    }

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
        private final ByteArrayOutputStream bin = new ByteArrayOutputStream();
        private final StringBuilder txt = new StringBuilder();
        private boolean oversized;

        @Override
        public void onOpen(WebSocket webSocket) {
            ws = webSocket;
            lastSignNanos = System.nanoTime();
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            lastSignNanos = System.nanoTime();
            if (!oversized) {
                if (bin.size() + data.remaining() > MAX_MESSAGE_BYTES) {
                    oversized = true;
                    bin.reset();
                } else {
                    byte[] b = new byte[data.remaining()];
                    data.get(b);
                    bin.writeBytes(b);
                }
            }
            if (last) {
                if (oversized) {
                    listener.dropped(FeedSocket.this, "too_large");
                } else {
                    ByteBuffer whole = ByteBuffer.wrap(bin.toByteArray());
                    bin.reset();
                    deliver(() -> listener.binary(FeedSocket.this, whole));
                }
                oversized = false;
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            lastSignNanos = System.nanoTime();
            if (!oversized) {
                if (txt.length() + data.length() > MAX_MESSAGE_BYTES) {
                    oversized = true;
                    txt.setLength(0);
                } else {
                    txt.append(data);
                }
            }
            if (last) {
                if (oversized) {
                    listener.dropped(FeedSocket.this, "too_large");
                } else {
                    String whole = txt.toString();
                    txt.setLength(0);
                    deliver(() -> listener.text(FeedSocket.this, whole));
                }
                oversized = false;
            }
            webSocket.request(1);
            return null;
        }

        private void deliver(Runnable r) {
            try {
                r.run();
            } catch (RuntimeException e) {
                listener.dropped(FeedSocket.this, "malformed");
            }
        }

        @Override
        public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
            lastSignNanos = System.nanoTime();
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
            lastSignNanos = System.nanoTime();
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            lose(statusCode, "closed by the platform: " + statusCode + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            lose(1006, String.valueOf(error));
        }
    }
}

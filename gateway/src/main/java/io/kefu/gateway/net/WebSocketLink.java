package io.kefu.gateway.net;

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
import java.util.function.Function;

/**
 * The platform-neutral half of a long-lived JDK (java.net.http) WebSocket client, shared by the
 * Feishu, Slack and order-feed sockets. It joins continuation frames into whole messages, refusing
 * oversized ones without closing (a platform's one bad message must not cost every other event on
 * the link); it serialises sends, because the JDK allows one outstanding send; it keeps two clocks
 * so the owner can recognise a silent, half-open link (one for anything heard, one for pings and
 * pongs only); and it reports the loss of the link exactly once however it ends, so reconnecting
 * happens once. What the messages mean, and when a link counts as dead, is the owner's business.
 *
 * @param <S> the owner's socket type, handed back to its {@link Listener} so that an answer can go
 *            on the socket its question came on
 */
public abstract class WebSocketLink<S extends WebSocketLink<S>> {
    /** The data frames a platform's protocol uses; a message of another kind is dropped as {@code malformed}. */
    public enum Speaks { BINARY, TEXT, BINARY_AND_TEXT }

    /**
     * What the owner hears. A {@link RuntimeException} from {@code binary} or {@code text} drops
     * that message as {@code malformed} and keeps the link.
     */
    public interface Listener<S> {
        /** A whole binary message; only on a link that speaks binary. */
        default void binary(S socket, byte[] message) {
            throw new UnsupportedOperationException("binary message");
        }

        /** A whole text message; only on a link that speaks text. */
        default void text(S socket, String message) {
            throw new UnsupportedOperationException("text message");
        }

        void dropped(S socket, String reason);

        void lost(S socket, int closeCode, String why);
    }

    private final Speaks speaks;
    private final int maxMessageLength;
    private final String peer;
    private final String closedMessage;
    private final Listener<S> listener;
    private final AtomicBoolean lost = new AtomicBoolean();
    private volatile WebSocket ws;
    private volatile long lastHeardNanos = System.nanoTime();
    private volatile long lastPongNanos = System.nanoTime();
    private CompletableFuture<?> sendTail = CompletableFuture.completedFuture(null);

    /**
     * @param maxMessageLength largest whole message (bytes for binary, chars for text); a longer one is dropped as {@code too_large}
     * @param peer             who closes the link, as in "closed by {@code peer}: 1000 bye"
     * @param closedMessage    the failure a send gets once the link is closed
     */
    protected WebSocketLink(Speaks speaks, int maxMessageLength, String peer, String closedMessage, Listener<S> listener) {
        this.speaks = speaks;
        this.maxMessageLength = maxMessageLength;
        this.peer = peer;
        this.closedMessage = closedMessage;
        this.listener = listener;
    }

    @SuppressWarnings("unchecked")
    private S self() {
        return (S) this;
    }

    /** Completes with this socket once the opening handshake is done. */
    protected final CompletableFuture<S> connect(HttpClient http, URI url, Duration timeout) {
        return http.newWebSocketBuilder().connectTimeout(timeout).buildAsync(url, new Receiver()).thenApply(w -> {
            ws = w;
            return self();
        });
    }

    public final CompletableFuture<?> sendBinary(byte[] data) {
        return enqueue(w -> w.sendBinary(ByteBuffer.wrap(data), true));
    }

    public final CompletableFuture<?> sendText(String text) {
        return enqueue(w -> w.sendText(text, true));
    }

    public final void ping() {
        enqueue(w -> w.sendPing(ByteBuffer.allocate(0)));
    }

    private synchronized CompletableFuture<?> enqueue(Function<WebSocket, CompletableFuture<WebSocket>> send) {
        // handle(): one failed send must not fail every send queued behind it.
        sendTail = sendTail.handle((x, e) -> null).thenCompose(x -> {
            WebSocket w = ws;
            if (w == null || w.isOutputClosed()) {
                return CompletableFuture.failedFuture(new IllegalStateException(closedMessage));
            }
            return send.apply(w);
        });
        return sendTail;
    }

    /** Since any frame (data, ping or pong) last arrived. */
    public final long nanosSinceHeard() {
        return System.nanoTime() - lastHeardNanos;
    }

    /** Since a pong, or a ping from the peer, last arrived: for protocols where data alone does not prove the peer answers. */
    public final long nanosSincePong() {
        return System.nanoTime() - lastPongNanos;
    }

    public final boolean isLost() {
        return lost.get();
    }

    /** Polite close (1000) after pending sends; the peer's close reply ends it. */
    public final void close() {
        synchronized (this) {
            sendTail = sendTail.handle((x, e) -> null).thenCompose(x -> {
                WebSocket w = ws;
                return w == null || w.isOutputClosed() ? CompletableFuture.completedFuture(null) : w.sendClose(WebSocket.NORMAL_CLOSURE, "");
            });
        }
        // A peer that never answers the close must not keep the socket forever.
        CompletableFuture.delayedExecutor(2, TimeUnit.SECONDS).execute(() -> abort("closed by kefu"));
    }

    /** Drops the TCP connection now (a zombie, or shutting down). */
    public final void abort(String why) {
        WebSocket w = ws;
        if (w != null) {
            w.abort();
        }
        lose(1006, why);
    }

    private void lose(int code, String why) {
        if (lost.compareAndSet(false, true)) {
            listener.lost(self(), code, why);
        }
    }

    private final class Receiver implements WebSocket.Listener {
        private final ByteArrayOutputStream bin = new ByteArrayOutputStream();
        private final StringBuilder txt = new StringBuilder();
        private boolean oversized;

        @Override
        public void onOpen(WebSocket webSocket) {
            ws = webSocket;
            lastHeardNanos = System.nanoTime();
            lastPongNanos = lastHeardNanos;
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            boolean spoken = speaks != Speaks.TEXT;
            if (spoken && fits(bin.size() + data.remaining())) {
                bin.writeBytes(copyOf(data));
            }
            return received(webSocket, spoken, last, () -> listener.binary(self(), takeBinary()));
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            boolean spoken = speaks != Speaks.BINARY;
            if (spoken && fits(txt.length() + data.length())) {
                txt.append(data);
            }
            return received(webSocket, spoken, last, () -> listener.text(self(), takeText()));
        }

        /**
         * Whether the message being joined, {@code length} long with its next fragment, is still
         * kept. One that outgrows the limit is let go at once (memory stays bounded) and only its
         * end is awaited, to report it.
         */
        private boolean fits(int length) {
            if (!oversized && length > maxMessageLength) {
                oversized = true;
                bin.reset();
                txt.setLength(0);
            }
            return !oversized;
        }

        /**
         * After each data fragment. At a message's end: one of a kind the protocol does not use is
         * malformed whatever its size (so it was never buffered), one that outgrew the limit is
         * too large, and any other is handed over; malformed if the owner cannot read it.
         */
        private CompletionStage<?> received(WebSocket webSocket, boolean spoken, boolean last, Runnable handOver) {
            lastHeardNanos = System.nanoTime();
            if (last) {
                if (!spoken) {
                    listener.dropped(self(), "malformed");
                } else if (oversized) {
                    oversized = false;
                    listener.dropped(self(), "too_large");
                } else {
                    try {
                        handOver.run();
                    } catch (RuntimeException e) {
                        listener.dropped(self(), "malformed");
                    }
                }
            }
            webSocket.request(1);
            return null;
        }

        private byte[] copyOf(ByteBuffer data) {
            byte[] b = new byte[data.remaining()];
            data.get(b);
            return b;
        }

        private byte[] takeBinary() {
            byte[] whole = bin.toByteArray();
            bin.reset();
            return whole;
        }

        private String takeText() {
            String whole = txt.toString();
            txt.setLength(0);
            return whole;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
            // The JDK answers it; a ping from the peer proves the link alive as well as a pong does.
            return answered(webSocket);
        }

        @Override
        public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
            return answered(webSocket);
        }

        private CompletionStage<?> answered(WebSocket webSocket) {
            lastHeardNanos = System.nanoTime();
            lastPongNanos = lastHeardNanos;
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            lose(statusCode, "closed by " + peer + ": " + statusCode + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            lose(1006, String.valueOf(error));
        }
    }
}

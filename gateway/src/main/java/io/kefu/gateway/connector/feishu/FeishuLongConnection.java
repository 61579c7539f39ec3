package io.kefu.gateway.connector.feishu;

import io.kefu.gateway.connector.Backoff;
import io.kefu.gateway.connector.ConnectionState;
import io.kefu.gateway.connector.ConnectionStateHolder;
import io.kefu.gateway.connector.ConnectorContext;
import io.kefu.gateway.connector.ConnectorStartException;
import io.kefu.gateway.connector.JsonHttpClient;
import io.kefu.gateway.connector.WebSocketCloseCode;
import io.kefu.gateway.net.WebSocketLink;
import io.kefu.handlers.redis.RedisUnavailableException;
import io.kefu.proto.feishu.Frame;
import io.kefu.proto.v1.InboundMessage;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds a Feishu app's long connection (PLATFORMS.md §2): endpoint call → WebSocket of pbbp2
 * frames → a {@code ping} every {@code PingInterval}, with each pong's ClientConfig applied → DATA
 * frames (fragments joined by message_id) decoded, persisted, then acked on the socket they came on
 * with {@code biz_rt}, well inside the platform's 3 s → dispatched.
 *
 * <p>There is no resume: the platform pushes unacked events again, and the inbox dedups them on
 * {@code header.event_id}, so a reconnect never loses or doubles a message. A lost or silent
 * socket (nothing heard for {@value #MISSED_PINGS} ping intervals) is replaced per ClientConfig:
 * wait a random part of {@code ReconnectNonce}, then try every {@code ReconnectInterval},
 * {@code ReconnectCount} times. After that, rather than give up on a store's channel for good (the
 * SDKs stop), kefu keeps trying with capped exponential backoff from that interval — the careful
 * choice for a server that has no one to restart it. Every attempt asks the endpoint for a new URL.
 */
final class FeishuLongConnection implements WebSocketLink.Listener<FeishuSocket> {
    private static final Logger log = LoggerFactory.getLogger(FeishuLongConnection.class);
    static final Duration OPEN_TIMEOUT = Duration.ofSeconds(10);
    /** Ping intervals of silence after which the socket is treated as dead. */
    static final int MISSED_PINGS = 3;
    /** Incomplete fragment sets older than this are dropped; the platform pushes the event again whole. */
    static final Duration FRAGMENT_TTL = Duration.ofSeconds(10);
    static final Duration MAX_RECONNECT_WAIT = Duration.ofMinutes(10);

    private final ConnectorContext ctx;
    private final String channelId;
    private final FeishuApi api;
    private final FeishuEventDecoder decoder;
    private final ConnectionStateHolder state;
    private final JsonHttpClient http;
    private final AtomicReference<FeishuSocket> active = new AtomicReference<>();
    private final Map<FeishuSocket, FeishuFragments> fragments = new ConcurrentHashMap<>();
    private final AtomicBoolean opening = new AtomicBoolean();
    private final AtomicInteger attempts = new AtomicInteger();
    private volatile FeishuClientConfig config = FeishuClientConfig.DEFAULT;
    private volatile boolean closed;
    private volatile boolean everConnected;
    private ScheduledFuture<?> nextPing;

    FeishuLongConnection(ConnectorContext ctx, FeishuApi api, FeishuEventDecoder decoder, ConnectionStateHolder state) {
        this.ctx = ctx;
        this.channelId = ctx.channel().id();
        this.api = api;
        this.decoder = decoder;
        this.state = state;
        this.http = ctx.http();
    }

    /** Calls the endpoint synchronously so that refused credentials stop the node with a clear error. */
    void start() throws ConnectorStartException {
        state.set(ConnectionState.CONNECTING);
        FeishuApi.Endpoint first = null;
        try {
            first = api.endpoint(config).get(OPEN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof FeishuApi.EndpointException x && x.fatal()) {
                state.set(ConnectionState.FAILED);
                throw new ConnectorStartException("Feishu refused app_id/app_secret of channel " + channelId + " ("
                        + ctx.settingPath("app_secret") + "): " + x.getMessage());
            }
            log.warn("Feishu channel {}: endpoint call failed ({}); retrying in the background", channelId, e.getCause().toString());
        } catch (TimeoutException e) {
            log.warn("Feishu channel {}: endpoint call timed out; retrying in the background", channelId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (first != null) {
            opening.set(true);
            connectTo(first);
        } else {
            reconnectLater();
        }
    }

    FeishuClientConfig config() {
        return config;
    }

    // ------------------------------------------------------------------ connecting

    private void openNext() {
        if (closed || !opening.compareAndSet(false, true)) {
            return;
        }
        api.endpoint(config).whenComplete((ep, e) -> {
            if (e != null) {
                opening.set(false);
                Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                if (cause instanceof FeishuApi.EndpointException x && x.fatal()) {
                    log.error("Feishu channel {}: {}; giving up until restart", channelId, x.getMessage());
                    state.set(ConnectionState.FAILED);
                    return;
                }
                log.info("Feishu channel {}: endpoint call failed: {}", channelId, cause.toString());
                reconnectLater();
                return;
            }
            connectTo(ep);
        });
    }

    private void connectTo(FeishuApi.Endpoint ep) {
        applyConfig(ep.config());
        FeishuSocket.open(http.http(), ep.url(), ep.serviceId(), OPEN_TIMEOUT, this).whenComplete((socket, e) -> {
            opening.set(false);
            if (e != null) {
                log.info("Feishu channel {}: WebSocket failed to open: {}", channelId, e.toString());
                reconnectLater();
                return;
            }
            if (closed) {
                socket.abort("closing");
                return;
            }
            fragments.put(socket, new FeishuFragments(FRAGMENT_TTL.toNanos()));
            FeishuSocket previous = active.getAndSet(socket);
            if (previous != null && previous != socket) {
                previous.close();
            }
            attempts.set(0);
            if (everConnected) {
                ctx.metrics().reconnected(channelId);
            }
            everConnected = true;
            state.setUnlessTerminal(ConnectionState.CONNECTED);
            log.info("Feishu channel {}: long connection {} open (service {})", channelId, socket.id, ep.serviceId());
            ping(socket);
        });
    }

    private void reconnectLater() {
        if (closed) {
            return;
        }
        if (state.get() != ConnectionState.CONNECTING) {
            state.setUnlessTerminal(ConnectionState.RECONNECTING);
        }
        Duration d = reconnectDelay(config, attempts.getAndIncrement());
        try {
            ctx.scheduler().schedule(this::openNext, d.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            log.debug("not reconnecting: shutting down");
        }
    }

    /** The wait before reconnect attempt {@code n} (0 = the first after a loss), per ClientConfig. */
    static Duration reconnectDelay(FeishuClientConfig c, int n) {
        if (n == 0) {
            return c.reconnectNonceSeconds() <= 0 ? Duration.ZERO
                    : Duration.ofMillis(ThreadLocalRandom.current().nextLong(c.reconnectNonceSeconds() * 1000L));
        }
        Duration interval = Duration.ofSeconds(Math.max(1, c.reconnectIntervalSeconds()));
        if (c.reconnectCount() < 0 || n <= c.reconnectCount()) {
            return interval;
        }
        Duration cap = interval.compareTo(MAX_RECONNECT_WAIT) > 0 ? interval : MAX_RECONNECT_WAIT;
        return new Backoff(interval, cap).delay(n - c.reconnectCount());
    }

    // ------------------------------------------------------------------ heartbeat

    private synchronized void applyConfig(FeishuClientConfig next) {
        FeishuClientConfig prev = config;
        config = next;
        if (!next.equals(prev)) {
            log.info("Feishu channel {}: ClientConfig {}", channelId, next);
        }
        if (prev.pingIntervalSeconds() != next.pingIntervalSeconds() && nextPing != null) {
            FeishuSocket s = active.get();
            nextPing.cancel(false);
            nextPing = null;
            if (s != null) {
                schedulePing(s);
            }
        }
    }

    private void ping(FeishuSocket socket) {
        if (closed || socket.isLost() || active.get() != socket) {
            return;
        }
        long intervalNanos = config.pingInterval().toNanos();
        if (socket.nanosSinceHeard() > intervalNanos * MISSED_PINGS) {
            log.warn("Feishu channel {}: nothing heard on socket {} for {} ping intervals; treating it as dead", channelId, socket.id,
                    MISSED_PINGS);
            ctx.metrics().dropped(channelId, "zombie");
            socket.abort("missed pongs");
            return;
        }
        socket.sendBinary(Pbbp2Codec.ping(socket.serviceId).toByteArray());
        schedulePing(socket);
    }

    private synchronized void schedulePing(FeishuSocket socket) {
        try {
            nextPing = ctx.scheduler().schedule(() -> ping(socket), config.pingInterval().toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            log.debug("not pinging: shutting down");
        }
    }

    // ------------------------------------------------------------------ frames

    @Override
    public void binary(FeishuSocket socket, byte[] data) {
        long received = System.nanoTime();
        Frame frame;
        try {
            frame = Pbbp2Codec.decode(data);
        } catch (Pbbp2Codec.MalformedFrameException e) {
            log.info("Feishu channel {}: dropped a frame on socket {}: {}", channelId, socket.id, e.getMessage());
            ctx.metrics().dropped(channelId, e.reason());
            return;
        }
        String type = Pbbp2Codec.header(frame, Pbbp2Codec.TYPE);
        if (frame.getMethod() == Pbbp2Codec.METHOD_CONTROL) {
            if ("pong".equals(type) && !frame.getPayload().isEmpty()) {
                try {
                    applyConfig(config.merge(JsonHttpClient.JSON.readTree(frame.getPayload().toByteArray())));
                } catch (Exception e) {
                    ctx.metrics().dropped(channelId, "malformed"); // an unreadable config changes nothing
                }
            }
            return;
        }
        byte[] payload;
        try {
            int sum = Pbbp2Codec.intHeader(frame, Pbbp2Codec.SUM, 1);
            if (sum > 1) {
                int seq = Pbbp2Codec.intHeader(frame, Pbbp2Codec.SEQ, 0);
                payload = fragments.computeIfAbsent(socket, s -> new FeishuFragments(FRAGMENT_TTL.toNanos()))
                        .add(Pbbp2Codec.header(frame, Pbbp2Codec.MESSAGE_ID), sum, seq, frame.getPayload().toByteArray(), received);
                if (payload == null) {
                    return; // more parts to come
                }
            } else {
                payload = frame.getPayload().toByteArray();
            }
        } catch (Pbbp2Codec.MalformedFrameException | FeishuFragments.BadFragmentException e) {
            log.info("Feishu channel {}: dropped a data frame: {}", channelId, e.getMessage());
            ctx.metrics().dropped(channelId, "malformed");
            return;
        }
        if (!"event".equals(type)) {
            // Card callbacks and anything newer: kefu has no use for them; ack so they are not pushed again.
            ack(socket, frame, received);
            return;
        }
        FeishuEventDecoder.Decoded d = decoder.decode(payload);
        if (d instanceof FeishuEventDecoder.Malformed m) {
            log.info("Feishu channel {}: dropping event: {}", channelId, m.reason());
            ctx.metrics().dropped(channelId, "malformed");
            ack(socket, frame, received); // pushing it again would not make it readable
            return;
        }
        if (d instanceof FeishuEventDecoder.Ignored) {
            ack(socket, frame, received);
            return;
        }
        InboundMessage in = ((FeishuEventDecoder.Message) d).message();
        try {
            ctx.blocking().execute(() -> persistThenAck(socket, frame, received, in));
        } catch (RejectedExecutionException e) {
            log.debug("not persisting {}: shutting down (the platform pushes it again)", in.getPlatformMsgId());
        }
    }

    private void persistThenAck(FeishuSocket socket, Frame frame, long received, InboundMessage in) {
        try {
            ctx.inbound().persist(in);
        } catch (RedisUnavailableException e) {
            // No ack: the platform pushes it again after 3 s, by then Redis may be back.
            log.warn("Feishu channel {}: not acking {}: {}", channelId, in.getPlatformMsgId(), e.getMessage());
            ctx.metrics().dropped(channelId, "unavailable");
            return;
        }
        ack(socket, frame, received);
        ctx.inbound().dispatch(in.getConversationId());
    }

    private void ack(FeishuSocket socket, Frame frame, long receivedNanos) {
        long bizRt = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - receivedNanos);
        socket.sendBinary(Pbbp2Codec.ack(frame, 200, bizRt).toByteArray()).whenComplete((x, e) -> {
            if (e == null) {
                ctx.metrics().acked(channelId);
            }
        });
    }

    @Override
    public void dropped(FeishuSocket socket, String reason) {
        log.info("Feishu channel {}: dropped a message on socket {} ({})", channelId, socket.id, reason);
        ctx.metrics().dropped(channelId, reason);
    }

    @Override
    public void lost(FeishuSocket socket, int closeCode, String why) {
        fragments.remove(socket);
        if (closed || !active.compareAndSet(socket, null)) {
            return; // shutting down, or a replaced socket
        }
        log.info("Feishu channel {}: socket {} lost ({})", channelId, socket.id, why);
        if (!WebSocketCloseCode.of(closeCode).shouldReconnect()) {
            log.error("Feishu channel {}: closed with {} — not reconnecting", channelId, closeCode);
            state.set(ConnectionState.FAILED);
            return;
        }
        state.setUnlessTerminal(ConnectionState.RECONNECTING);
        reconnectLater();
    }

    void close() {
        closed = true;
        synchronized (this) {
            if (nextPing != null) {
                nextPing.cancel(false);
            }
        }
        FeishuSocket s = active.getAndSet(null);
        if (s != null) {
            s.abort("shutting down");
        }
    }
}

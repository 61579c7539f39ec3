package io.kefu.gateway.connector.slack;

import com.fasterxml.jackson.databind.JsonNode;
import io.kefu.gateway.connector.Backoff;
import io.kefu.gateway.connector.ConnectionState;
import io.kefu.gateway.connector.ConnectionStateHolder;
import io.kefu.gateway.connector.ConnectorContext;
import io.kefu.gateway.connector.ConnectorStartException;
import io.kefu.gateway.connector.JsonHttpClient;
import io.kefu.gateway.connector.WebSocketCloseCode;
import io.kefu.gateway.net.WebSocketLink;
import io.kefu.handlers.redis.RedisUnavailableException;
import io.kefu.proto.v1.InboundMessage;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds a channel's Socket Mode connection: {@code apps.connections.open} → WebSocket → {@code hello}
 * → envelopes, each persisted and then acked ({@code {"envelope_id"}}) on the socket it came on,
 * well inside Slack's 3 s. A {@code disconnect} warning opens the next socket first and retires the
 * old one once its in-flight envelopes are acked. A lost socket is re-opened with capped
 * exponential backoff and jitter; a socket that stops answering pings (two missed intervals) is
 * treated as lost. Dedup is by {@code payload.event_id} in the inbox, so Slack's retries and the
 * overlap during a hand-over never produce a second reply.
 */
final class SlackSocketModeConnector implements WebSocketLink.Listener<SlackSocket> {
    private static final Logger log = LoggerFactory.getLogger(SlackSocketModeConnector.class);
    static final Duration HELLO_TIMEOUT = Duration.ofSeconds(10);
    /** Missed ping intervals after which the socket is a zombie. */
    static final int MISSED_PONGS = 2;

    private final ConnectorContext ctx;
    private final String channelId;
    private final SlackApi api;
    private final SlackEventDecoder decoder;
    private final JsonHttpClient http;
    private final Duration pingInterval;
    private final ConnectionStateHolder state;
    private final Backoff backoff = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(30));
    private final AtomicReference<SlackSocket> active = new AtomicReference<>();
    private final Set<SlackSocket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean opening = new AtomicBoolean();
    private final AtomicInteger failures = new AtomicInteger();
    private volatile boolean closed;
    private volatile boolean everConnected;
    private ScheduledFuture<?> pinger;

    SlackSocketModeConnector(ConnectorContext ctx, SlackApi api, SlackEventDecoder decoder, SlackSettings settings,
                             ConnectionStateHolder state) {
        this.ctx = ctx;
        this.channelId = ctx.channel().id();
        this.api = api;
        this.decoder = decoder;
        this.http = ctx.http();
        this.pingInterval = settings.pingInterval();
        this.state = state;
    }

    /** Asks for the first URL synchronously so that bad credentials stop the node with a clear error. */
    void start() throws ConnectorStartException {
        state.set(ConnectionState.CONNECTING);
        URI first = null;
        try {
            first = api.openConnection().get(HELLO_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof SlackApi.SlackApiException s && s.fatal()) {
                state.set(ConnectionState.FAILED);
                throw new ConnectorStartException("Slack refused the app token of channel " + channelId + " ("
                        + ctx.settingPath("app_token") + "): " + s.error);
            }
            log.warn("Slack channel {}: apps.connections.open failed ({}); retrying in the background", channelId, e.getCause().toString());
        } catch (TimeoutException e) {
            log.warn("Slack channel {}: apps.connections.open timed out; retrying in the background", channelId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        long ms = pingInterval.toMillis();
        pinger = ctx.scheduler().scheduleAtFixedRate(this::heartbeat, ms, ms, TimeUnit.MILLISECONDS);
        if (first != null) {
            opening.set(true);
            connectTo(first);
        } else {
            reconnectLater();
        }
    }

    ConnectionState state() {
        return state.get();
    }

    /** Opens a new socket unless one is already being opened (single-flight). */
    private void openNext() {
        if (closed || !opening.compareAndSet(false, true)) {
            return;
        }
        api.openConnection().whenComplete((url, e) -> {
            if (e != null) {
                opening.set(false);
                Throwable cause = e instanceof CompletionException ? e.getCause() : e;
                if (cause instanceof SlackApi.SlackApiException s && s.fatal()) {
                    log.error("Slack channel {}: {}; giving up until restart", channelId, s.getMessage());
                    state.set(ConnectionState.FAILED);
                    return;
                }
                log.info("Slack channel {}: apps.connections.open failed: {}", channelId, cause.toString());
                reconnectLater();
                return;
            }
            connectTo(url);
        });
    }

    private void connectTo(URI url) {
        SlackSocket.open(http.http(), url, HELLO_TIMEOUT, this).whenComplete((socket, e) -> {
            if (e != null) {
                opening.set(false);
                log.info("Slack channel {}: WebSocket failed to open: {}", channelId, e.toString());
                reconnectLater();
                return;
            }
            sockets.add(socket);
            if (closed) {
                socket.abort("closing");
                return;
            }
            // hello must follow promptly; a socket that never greets is useless.
            ctx.scheduler().schedule(() -> {
                if (active.get() != socket && !socket.retiring && !socket.isLost()) {
                    log.info("Slack channel {}: no hello on socket {} within {}", channelId, socket.id, HELLO_TIMEOUT);
                    socket.abort("no hello");
                }
            }, HELLO_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        });
    }

    private void reconnectLater() {
        if (closed) {
            return;
        }
        if (state.get() != ConnectionState.CONNECTING) {
            state.setUnlessTerminal(ConnectionState.RECONNECTING);
        }
        Duration d = backoff.delay(failures.getAndIncrement());
        ctx.scheduler().schedule(this::openNext, d.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void heartbeat() {
        for (SlackSocket s : sockets) {
            if (s.isLost()) {
                sockets.remove(s);
                continue;
            }
            if (s.nanosSincePong() > pingInterval.toNanos() * (MISSED_PONGS + 1)) {
                log.warn("Slack channel {}: socket {} missed {} pongs; treating it as dead", channelId, s.id, MISSED_PONGS);
                ctx.metrics().dropped(channelId, "zombie");
                s.abort("missed pongs");
                continue;
            }
            s.ping();
        }
    }

    @Override
    public void text(SlackSocket socket, String text) {
        JsonNode frame;
        try {
            frame = JsonHttpClient.JSON.readTree(text);
        } catch (Exception e) {
            frame = null;
        }
        if (frame == null || !frame.isObject()) {
            dropped(socket, "malformed");
            return;
        }
        String type = frame.path("type").asText("");
        switch (type) {
            case "hello" -> hello(socket);
            case "disconnect" -> disconnect(socket, SlackDisconnectReason.of(frame.path("reason").asText()));
            case "events_api", "slash_commands", "interactive" -> envelope(socket, frame, type);
            default -> dropped(socket, "unknown_type");
        }
    }

    private void hello(SlackSocket socket) {
        socket.greeted = true;
        SlackSocket previous = active.getAndSet(socket);
        opening.set(false);
        failures.set(0);
        if (everConnected) {
            ctx.metrics().reconnected(channelId);
        }
        everConnected = true;
        state.setUnlessTerminal(ConnectionState.CONNECTED);
        log.info("Slack channel {}: socket {} connected", channelId, socket.id);
        if (previous != null && previous != socket) {
            retire(previous);
        }
    }

    private void disconnect(SlackSocket socket, SlackDisconnectReason reason) {
        log.info("Slack channel {}: disconnect ({}) on socket {}", channelId, reason, socket.id);
        if (!reason.reconnect()) {
            state.set(ConnectionState.FAILED);
            sockets.forEach(s -> s.abort("link disabled"));
            return;
        }
        if (socket != active.get()) {
            return; // an old socket being retired anyway
        }
        if (reason.openNextFirst()) {
            openNext(); // the old socket keeps serving until the new one says hello
        } else {
            socket.retiring = true;
            socket.close();
        }
    }

    /** Closes an old socket once every envelope it delivered has been acked. */
    private void retire(SlackSocket socket) {
        socket.retiring = true;
        if (socket.inFlight.get() == 0) {
            socket.close();
        }
    }

    private void envelope(SlackSocket socket, JsonNode frame, String type) {
        String envelopeId = frame.path("envelope_id").asText("");
        if (envelopeId.isEmpty() || envelopeId.length() > 128) {
            dropped(socket, "malformed");
            return;
        }
        if (!type.equals("events_api")) {
            ack(socket, envelopeId); // kefu offers no slash commands or buttons; ack so Slack stops retrying
            return;
        }
        SlackEventDecoder.Decoded d = decoder.decode(frame.path("payload"));
        if (d instanceof SlackEventDecoder.Malformed m) {
            log.info("Slack channel {}: dropping envelope {}: {}", channelId, envelopeId, m.reason());
            ctx.metrics().dropped(channelId, "malformed");
            ack(socket, envelopeId); // redelivering a malformed event would not make it readable
            return;
        }
        if (d instanceof SlackEventDecoder.Ignored) {
            ack(socket, envelopeId);
            return;
        }
        InboundMessage in = ((SlackEventDecoder.Message) d).message();
        socket.inFlight.incrementAndGet();
        try {
            ctx.blocking().execute(() -> persistThenAck(socket, envelopeId, in));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            socket.inFlight.decrementAndGet();
        }
    }

    private void persistThenAck(SlackSocket socket, String envelopeId, InboundMessage in) {
        try {
            ctx.inbound().persist(in);
        } catch (RedisUnavailableException e) {
            // No ack: Slack redelivers after 3 s, by then Redis may be back.
            log.warn("Slack channel {}: not acking {}: {}", channelId, envelopeId, e.getMessage());
            ctx.metrics().dropped(channelId, "unavailable");
            settled(socket);
            return;
        }
        ack(socket, envelopeId).whenComplete((x, e) -> settled(socket));
        ctx.inbound().dispatch(in.getConversationId());
    }

    private void settled(SlackSocket socket) {
        if (socket.inFlight.decrementAndGet() == 0 && socket.retiring) {
            socket.close();
        }
    }

    private CompletableFuture<?> ack(SlackSocket socket, String envelopeId) {
        return socket.sendText("{\"envelope_id\":\"" + envelopeId.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}")
                .whenComplete((x, e) -> {
                    if (e == null) {
                        ctx.metrics().acked(channelId);
                    }
                });
    }

    @Override
    public void dropped(SlackSocket socket, String reason) {
        log.info("Slack channel {}: dropped a frame on socket {} ({})", channelId, socket.id, reason);
        ctx.metrics().dropped(channelId, reason);
    }

    @Override
    public void lost(SlackSocket socket, int closeCode, String why) {
        sockets.remove(socket);
        boolean wasActive = active.compareAndSet(socket, null);
        if (closed || socket.retiring && !wasActive) {
            return; // a planned retirement: its replacement already serves
        }
        if (!socket.greeted) {
            // The attempt in progress failed before hello (opening is single-flight, so it was this one).
            log.info("Slack channel {}: socket {} ended before hello ({})", channelId, socket.id, why);
            opening.set(false);
            reconnectLater();
            return;
        }
        if (!wasActive) {
            return;
        }
        log.info("Slack channel {}: socket {} lost ({})", channelId, socket.id, why);
        if (!WebSocketCloseCode.of(closeCode).shouldReconnect()) {
            log.error("Slack channel {}: closed with {} — not reconnecting", channelId, closeCode);
            state.set(ConnectionState.FAILED);
            return;
        }
        state.setUnlessTerminal(ConnectionState.RECONNECTING);
        if (opening.get()) {
            return; // a replacement is already on its way (disconnect warning)
        }
        reconnectLater();
    }

    void close() {
        closed = true;
        if (pinger != null) {
            pinger.cancel(false);
        }
        sockets.forEach(s -> s.abort("shutting down"));
        state.set(ConnectionState.STOPPED);
    }
}

package io.kefu.gateway.orderfeed;

import io.kefu.gateway.connector.Backoff;
import io.kefu.gateway.connector.ConnectionState;
import io.kefu.gateway.connector.ConnectionStateHolder;
import io.kefu.gateway.connector.ConnectorMetrics;
import io.kefu.gateway.connector.ConnectorStartException;
import io.kefu.gateway.connector.WebSocketCloseCode;
import io.kefu.gateway.net.WebSocketLink;
import io.kefu.handlers.campaign.InvalidOrderEventException;
import io.kefu.proto.v1.OrderEvent;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What both order feeds share: one WebSocket at a time, a heartbeat that also drops a silent link
 * (three intervals without any sign of life), reconnection with capped exponential backoff plus
 * jitter, and "persist, then acknowledge" for every event (the acknowledgement goes on the socket
 * the event came on; if that socket is gone the platform redelivers, and the event id dedups).
 */
public abstract class FeedConnection implements WebSocketLink.Listener<FeedSocket>, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FeedConnection.class);
    static final Duration GREETING_TIMEOUT = Duration.ofSeconds(10);
    static final int SILENT_INTERVALS = 3;

    protected final String name;
    protected final OrderSink sink;
    protected final ConnectorMetrics metrics;
    protected final ScheduledExecutorService timer;
    protected final Executor blocking;
    private final HttpClient http;
    private final Duration heartbeat;
    private final ConnectionStateHolder state;
    private final Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(30));
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicReference<FeedSocket> current = new AtomicReference<>();
    /** Completed when the platform accepted us (true) or refused our credentials (false). */
    private volatile CompletableFuture<Boolean> greeting = new CompletableFuture<>();
    private volatile boolean closed;
    private volatile boolean everConnected;
    private ScheduledFuture<?> beat;

    protected FeedConnection(String name, OrderSink sink, ConnectorMetrics metrics, ScheduledExecutorService timer, Executor blocking,
                   HttpClient http, Duration heartbeat) {
        this.name = name;
        this.sink = sink;
        this.metrics = metrics;
        this.timer = timer;
        this.blocking = blocking;
        this.http = http;
        this.heartbeat = heartbeat;
        this.state = new ConnectionStateHolder(name, metrics);
    }

    /** The URL of the next connection (signed freshly when the platform wants that). */
    protected abstract URI url();

    /** Called once the socket is open (send the greeting, if the protocol has one). */
    protected abstract void opened(FeedSocket s);

    /** Called on every heartbeat tick for an open, greeted socket. */
    protected abstract void tick(FeedSocket s);

    /**
     * Whether a failed WebSocket handshake means the platform refused our credentials (then the
     * reason, and no retrying); null for "transient, reconnect". For platforms that authenticate
     * in the URL (Pinduoduo) rather than in a greeting frame.
     */
    protected String handshakeRefusal(Throwable connectError) {
        return null;
    }

    /** Opens the first connection; bad credentials stop the node with an error naming the feed. */
    public void start() throws ConnectorStartException {
        state.set(ConnectionState.CONNECTING);
        beat = timer.scheduleAtFixedRate(this::heartbeat, heartbeat.toMillis(), heartbeat.toMillis(), TimeUnit.MILLISECONDS);
        CompletableFuture<Boolean> g = greeting;
        connect();
        try {
            if (!g.get(GREETING_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                state.set(ConnectionState.FAILED);
                close();
                throw new ConnectorStartException("order feed " + name + ": the platform refused the credentials (" + refusal + ")");
            }
        } catch (TimeoutException | ExecutionException e) {
            log.warn("order feed {}: not connected yet ({}); retrying in the background", name, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private volatile String refusal = "";

    public ConnectionState state() {
        return state.get();
    }

    private void connect() {
        if (closed) {
            return;
        }
        URI u;
        try {
            u = url();
        } catch (RuntimeException e) {
            log.warn("order feed {}: cannot build the URL: {}", name, e.toString());
            reconnectLater();
            return;
        }
        FeedSocket.open(http, u, GREETING_TIMEOUT, this).whenComplete((s, e) -> {
            if (e != null) {
                String why = handshakeRefusal(e);
                if (why != null) {
                    refusedAtHandshake(why);
                    return;
                }
                log.info("order feed {}: connect failed: {}", name, e.toString());
                reconnectLater();
                return;
            }
            if (closed) {
                s.abort("closing");
                return;
            }
            current.set(s);
            opened(s);
        });
    }

    /** The platform accepted this socket: events will flow. */
    protected void connected(FeedSocket s) {
        failures.set(0);
        if (everConnected) {
            metrics.reconnected(name);
        }
        everConnected = true;
        state.setUnlessTerminal(ConnectionState.CONNECTED);
        greeting.complete(true);
        log.info("order feed {}: connected", name);
    }

    /** The platform refused the credentials: no point in retrying. */
    protected void refused(FeedSocket s, String why) {
        refusal = why;
        log.error("order feed {}: refused: {}", name, why);
        state.set(ConnectionState.FAILED);
        greeting.complete(false);
        s.abort("refused");
    }

    private void refusedAtHandshake(String why) {
        refusal = why;
        log.error("order feed {}: refused: {}", name, why);
        state.set(ConnectionState.FAILED);
        greeting.complete(false);
    }

    private void reconnectLater() {
        if (closed || state.get() == ConnectionState.FAILED) {
            return;
        }
        if (state.get() != ConnectionState.CONNECTING) {
            state.setUnlessTerminal(ConnectionState.RECONNECTING);
        }
        Duration d = backoff.delay(failures.getAndIncrement());
        timer.schedule(this::connect, d.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void heartbeat() {
        FeedSocket s = current.get();
        if (s == null || s.isLost()) {
            return;
        }
        if (s.nanosSinceHeard() > heartbeat.toNanos() * SILENT_INTERVALS) {
            log.warn("order feed {}: no sign of life for {} heartbeats; dropping the link", name, SILENT_INTERVALS);
            metrics.dropped(name, "zombie");
            s.abort("silent");
            return;
        }
        s.ping();
        tick(s);
    }

    @Override
    public void lost(FeedSocket s, int code, String why) {
        current.compareAndSet(s, null);
        if (closed || state.get() == ConnectionState.FAILED) {
            return;
        }
        if (!WebSocketCloseCode.of(code).shouldReconnect()) {
            log.error("order feed {}: closed with {} ({}); not reconnecting", name, code, why);
            state.set(ConnectionState.FAILED);
            return;
        }
        log.info("order feed {}: link lost ({}); reconnecting", name, why);
        reconnectLater();
    }

    @Override
    public void dropped(FeedSocket s, String reason) {
        metrics.dropped(name, reason);
    }

    @Override
    public void binary(FeedSocket s, byte[] data) {
        metrics.dropped(name, "unexpected_binary");
    }

    @Override
    public void text(FeedSocket s, String text) {
        metrics.dropped(name, "unexpected_text");
    }

    /** How persisting one event went; the subclass acknowledges accordingly. */
    protected enum Persisted { STORED, POISON, RETRY }

    /** Persists off the socket's thread, then calls {@code then} with the outcome (and the poison reason). */
    protected void persist(OrderEvent e, java.util.function.BiConsumer<Persisted, String> then) {
        blocking.execute(() -> {
            try {
                sink.persist(e);
                then.accept(Persisted.STORED, "");
            } catch (InvalidOrderEventException bad) {
                metrics.dropped(name, "poison");
                then.accept(Persisted.POISON, bad.getMessage());
            } catch (RuntimeException storage) {
                // Not acknowledged: the platform redelivers once we are healthy again.
                log.warn("order feed {}: could not persist {}: {}", name, e.getEventId(), storage.toString());
                then.accept(Persisted.RETRY, storage.toString());
            }
        });
    }

    FeedSocket current() {
        return current.get();
    }

    @Override
    public void close() {
        closed = true;
        if (beat != null) {
            beat.cancel(false);
        }
        FeedSocket s = current.getAndSet(null);
        if (s != null) {
            s.abort("closed by kefu");
        }
        if (state.get() != ConnectionState.FAILED) {
            state.set(ConnectionState.STOPPED);
        }
    }
}

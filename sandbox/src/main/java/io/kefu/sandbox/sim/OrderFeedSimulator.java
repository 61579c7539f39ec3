package io.kefu.sandbox.sim;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * What the order-feed simulators (Taobao TMC, Pinduoduo push) share: one WebSocket server on
 * loopback; events the store's side publishes, pending until the client acknowledges them and
 * redelivered while they are not (at-least-once, so duplicates happen); everything in flight sent
 * again on a new connection; faults on demand — duplicate and reorder deliveries, send an
 * acknowledged event again, drop every connection, kill and restart the server, raw (malformed)
 * frames. The socket itself is {@link WebSocketUpgrade}'s. A subclass speaks the protocol: whether
 * it accepts an upgrade, how it greets, how one event is framed, what the client's frames mean.
 */
public abstract class OrderFeedSimulator<S extends OrderFeedSimulator<S>> implements AutoCloseable {

    /** A published event and what became of it. */
    public static final class Event {
        public final long id;
        /** The TMC topic or the Pinduoduo message type. */
        public final String type;
        public final String content;
        public final long time;
        volatile long lastSentNanos;
        volatile int deliveries;

        Event(long id, String type, String content, long time) {
            this.id = id;
            this.type = type;
            this.content = content;
            this.time = time;
        }
    }

    private final LoopbackServer server;
    private final ScheduledExecutorService timer;
    private final boolean pushesUnsent;
    private final AtomicLong ids;
    private final Map<Long, Event> published = new ConcurrentHashMap<>();
    private final Map<Long, Event> pending = new ConcurrentHashMap<>();
    private final Map<Long, Integer> acks = new ConcurrentHashMap<>();
    private final List<Channel> accepted = new CopyOnWriteArrayList<>();
    private final List<String> refusals = new CopyOnWriteArrayList<>();
    private final AtomicLong duplicateCopies = new AtomicLong();
    private final Random random;
    private volatile Duration redeliverAfter = Duration.ofSeconds(2);
    private volatile double duplicateRate;
    private volatile boolean reorder;
    private volatile LongConsumer ackObserver = id -> { };
    private volatile Clock clock = Clock.systemUTC();

    /**
     * @param pushesUnsent whether the platform pushes a new event by itself (Pinduoduo) or only
     *                     when the client pulls (TMC: {@link #unsent()} answers the pull)
     */
    protected OrderFeedSimulator(String name, long firstId, long seed, boolean pushesUnsent) {
        this.server = new LoopbackServer(name, this::route);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name + "-sim-timer");
            t.setDaemon(true);
            return t;
        });
        this.ids = new AtomicLong(firstId);
        this.random = new Random(seed);
        this.pushesUnsent = pushesUnsent;
    }

    @SuppressWarnings("unchecked")
    private S self() {
        return (S) this;
    }

    public S start() {
        server.start();
        timer.scheduleAtFixedRate(this::redeliver, 200, 200, TimeUnit.MILLISECONDS);
        return self();
    }

    public int port() {
        return server.port();
    }

    // ------------------------------------------------------------------ the store's side

    /** The platform emits an event; returns its id. Sent now if a client is connected. */
    public long publish(String type, String contentJson, long time) {
        Event e = new Event(ids.incrementAndGet(), type, contentJson, time);
        published.put(e.id, e);
        pending.put(e.id, e);
        Channel c = liveChannel();
        if (c != null) {
            send(c, List.of(e));
        }
        return e.id;
    }

    /**
     * The platform sends an event again although it may have been acknowledged (the acknowledgement
     * was lost on its way): it is pending until acknowledged again.
     */
    public void redeliver(long id) {
        Event e = published.get(id);
        if (e == null) {
            throw new IllegalArgumentException("no event " + id);
        }
        pending.put(id, e);
        Channel c = liveChannel();
        if (c != null) {
            send(c, List.of(e));
        } else {
            e.lastSentNanos = 0;
        }
    }

    /** The share of deliveries sent twice in a row. */
    public S duplicateRate(double rate) {
        this.duplicateRate = rate;
        return self();
    }

    /** Shuffles every batch of deliveries (redeliveries, answers to a pull). */
    public S reorder(boolean on) {
        this.reorder = on;
        return self();
    }

    /** How long an unacknowledged delivery waits before it is sent again. */
    public S redeliverAfter(Duration d) {
        this.redeliverAfter = d;
        return self();
    }

    /** The platform's clock (what it stamps frames with and checks signed timestamps against). */
    public S clock(Clock c) {
        this.clock = c;
        return self();
    }

    /** Every socket dropped without a close frame; pending events stay for the next connection. */
    public void dropConnections() {
        server.dropConnections();
    }

    /** The platform's front end dies: the listener and every socket gone; published events are kept. */
    public void kill() {
        server.kill();
    }

    /** Back on the same port, with its events. */
    public void restart() {
        server.start();
    }

    // ------------------------------------------------------------------ what kefu did

    /** Called with the event id of every acknowledgement as it arrives (tests check the event was persisted first). */
    public void onAck(LongConsumer observer) {
        this.ackObserver = observer;
    }

    /** Acknowledgements (TMC Confirm, Pinduoduo Ack) per event id. */
    public Map<Long, Integer> acks() {
        return Map.copyOf(acks);
    }

    /** Events not acknowledged (nor reported failed) yet. */
    public int pendingCount() {
        return pending.size();
    }

    /** How many times an event was sent, duplicates and redeliveries included. */
    public int deliveries(long id) {
        Event e = published.get(id);
        return e == null ? 0 : e.deliveries;
    }

    /** Extra copies sent by {@link #duplicateRate}. */
    public long duplicateCopies() {
        return duplicateCopies.get();
    }

    /** Connections refused, with the reason given. */
    public List<String> refusals() {
        return List.copyOf(refusals);
    }

    /** True while a client is connected and accepted. */
    public boolean connected() {
        return liveChannel() != null;
    }

    // ------------------------------------------------------------------ for the protocol

    protected Clock clock() {
        return clock;
    }

    /** The accepted, live connection events go to (the newest), or null. */
    protected Channel liveChannel() {
        for (int i = accepted.size() - 1; i >= 0; i--) {
            Channel c = accepted.get(i);
            if (c.isActive()) {
                return c;
            }
        }
        return null;
    }

    /** The client on {@code ch} may receive events; whatever was in flight before is sent again. */
    protected void accepted(Channel ch) {
        pending.values().forEach(e -> e.lastSentNanos = 0);
        accepted.add(ch);
        ch.closeFuture().addListener(f -> accepted.remove(ch));
    }

    protected void refused(String why) {
        refusals.add(why);
    }

    /** Pending events never sent on the current connection (what a pull gets). */
    protected List<Event> unsent() {
        return pending.values().stream().filter(e -> e.lastSentNanos == 0).toList();
    }

    /** The pending event with this id, or null. */
    protected Event pendingEvent(long id) {
        return pending.get(id);
    }

    protected boolean everAcked(long id) {
        return acks.containsKey(id);
    }

    /** The client acknowledged {@code id}. */
    protected void acked(long id) {
        ackObserver.accept(id);
        acks.merge(id, 1, Integer::sum);
        pending.remove(id);
    }

    /** The client gave up on {@code id} (TMC Failed): it is not sent again. */
    protected void settled(long id) {
        pending.remove(id);
    }

    /** Sends the batch (shuffled when reordering, some events twice). */
    protected void send(Channel c, List<Event> batch) {
        List<Event> out = new ArrayList<>(batch);
        if (reorder) {
            Collections.shuffle(out, random);
        }
        for (Event e : out) {
            int copies = random.nextDouble() < duplicateRate ? 2 : 1;
            for (int i = 0; i < copies; i++) {
                e.lastSentNanos = System.nanoTime();
                e.deliveries++;
                c.write(frame(e));
            }
            if (copies > 1) {
                duplicateCopies.incrementAndGet();
            }
        }
        c.flush();
    }

    /** A frame on the next live connection (waits for one, asynchronously): malformed frames, even right after a drop. */
    protected void sendWhenConnected(Supplier<WebSocketFrame> frame) {
        timer.execute(new Runnable() {
            @Override
            public void run() {
                Channel c = liveChannel();
                if (c == null) {
                    timer.schedule(this, 50, TimeUnit.MILLISECONDS);
                } else {
                    c.writeAndFlush(frame.get());
                }
            }
        });
    }

    /** One delivery of {@code e} as the platform frames it. */
    protected abstract WebSocketFrame frame(Event e);

    /** Whether to upgrade this request; when not, the subclass answers it (and calls {@link #refused}). */
    protected boolean acceptUpgrade(ChannelHandlerContext ctx, FullHttpRequest req) {
        return true;
    }

    /** The WebSocket is open (a platform without a greeting frame accepts the client here). */
    protected void upgraded(Channel ch) {
    }

    /** A client frame other than ping, pong and close. */
    protected abstract void onFrame(Channel ch, WebSocketFrame frame);

    // ------------------------------------------------------------------ plumbing

    private void redeliver() {
        Channel c = liveChannel();
        if (c == null) {
            return;
        }
        long now = System.nanoTime();
        List<Event> due = new ArrayList<>();
        for (Event e : pending.values()) {
            if (e.lastSentNanos == 0 ? pushesUnsent : now - e.lastSentNanos > redeliverAfter.toNanos()) {
                due.add(e);
            }
        }
        if (!due.isEmpty()) {
            send(c, due);
        }
    }

    private void route(ChannelHandlerContext ctx, FullHttpRequest req) {
        if (!acceptUpgrade(ctx, req)) {
            return;
        }
        Channel ch = ctx.channel();
        WebSocketUpgrade.accept(ctx, req, "ws://127.0.0.1:" + server.port() + req.uri(), () -> upgraded(ch), frame -> {
            if (frame instanceof PingWebSocketFrame ping) {
                ch.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
            } else if (!(frame instanceof PongWebSocketFrame)) {
                onFrame(ch, frame);
            }
        }, () -> { });
    }

    @Override
    public void close() {
        timer.shutdownNow();
        server.close();
    }
}

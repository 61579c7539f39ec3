package io.kefu.sandbox.sim.pinduoduo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kefu.sandbox.sim.LoopbackServer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Pinduoduo's message push for one app on loopback, per PLATFORMS.md §6: the WebSocket upgrade on
 * {@code /message/{client_id}/{timestamp}/{sign}} is verified (client id, sign, a timestamp within
 * {@link #MAX_SKEW}) and answered 401 otherwise; JSON {@code Common} events are pushed as soon as a
 * client is connected and redelivered while unacknowledged (at-least-once, so duplicates happen);
 * {@code HeartBeat} is answered; every {@code Ack} is recorded, with whether it echoed the event's
 * type and mallID. Faults on demand: duplicates, reordering, dropping every connection, raw
 * (malformed) text frames. Its JSON handling is its own, written from the page, not kefu's codec.
 */
public final class PinduoduoPushSimulator implements AutoCloseable {
    public static final String CLIENT_ID = "sim-pdd-client-01";
    public static final String CLIENT_SECRET = "sim-pdd-secret-0123456789";
    public static final long MALL_ID = 880_001L;
    static final Duration MAX_SKEW = Duration.ofMinutes(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A published event and what became of it. */
    public static final class Event {
        public final long id;
        public final String type;
        public final String content;
        public final long time;
        volatile long lastSentNanos;
        public volatile int deliveries;

        Event(long id, String type, String content, long time) {
            this.id = id;
            this.type = type;
            this.content = content;
            this.time = time;
        }
    }

    private final LoopbackServer server = new LoopbackServer("pinduoduo-push", this::route);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "pdd-sim-timer");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong ids = new AtomicLong(6_100_000_000L);
    private final Map<Long, Event> unacked = new ConcurrentHashMap<>();
    private final Map<Long, Integer> acks = new ConcurrentHashMap<>();
    private final List<String> badAcks = new CopyOnWriteArrayList<>();
    private final List<Channel> sockets = new CopyOnWriteArrayList<>();
    private final List<String> refusals = new CopyOnWriteArrayList<>();
    private final AtomicInteger heartbeats = new AtomicInteger();
    private final Random random = new Random(7);
    private volatile Duration redeliverAfter = Duration.ofSeconds(2);
    private volatile double duplicateRate;
    private volatile boolean reorder;
    private volatile java.util.function.LongConsumer ackObserver = id -> { };

    public PinduoduoPushSimulator start() {
        server.start();
        timer.scheduleAtFixedRate(this::redeliver, 200, 200, TimeUnit.MILLISECONDS);
        return this;
    }

    /** The base URL a client signs its path onto. */
    public String url() {
        return "ws://127.0.0.1:" + server.port();
    }

    // ------------------------------------------------------------------ the store's side

    /** The platform emits an event; returns its id. Pushed now if a client is connected. */
    public long publish(String type, String contentJson, long time) {
        Event e = new Event(ids.incrementAndGet(), type, contentJson, time);
        unacked.put(e.id, e);
        Channel c = connected();
        if (c != null) {
            push(c, List.of(e));
        }
        return e.id;
    }

    public void duplicateRate(double rate) {
        this.duplicateRate = rate;
    }

    public void reorder(boolean on) {
        this.reorder = on;
    }

    public void redeliverAfter(Duration d) {
        this.redeliverAfter = d;
    }

    /** Every socket dropped without a close frame; unacknowledged events stay for the next connection. */
    public void dropConnections() {
        server.dropConnections();
    }

    /** A raw text frame on the next live connection (waits asynchronously): malformed frames, even right after a drop. */
    public void sendRawWhenConnected(String text) {
        timer.execute(new Runnable() {
            @Override
            public void run() {
                Channel c = connected();
                if (c == null) {
                    timer.schedule(this, 50, TimeUnit.MILLISECONDS);
                } else {
                    c.writeAndFlush(new TextWebSocketFrame(text));
                }
            }
        });
    }

    // ------------------------------------------------------------------ what kefu did

    /** Called with the event id of every Ack as it arrives (tests check it was persisted first). */
    public void onAck(java.util.function.LongConsumer observer) {
        this.ackObserver = observer;
    }

    public Map<Long, Integer> acks() {
        return Map.copyOf(acks);
    }

    /** Acks whose id, type or mallID did not match an event we sent. */
    public List<String> badAcks() {
        return List.copyOf(badAcks);
    }

    public int unackedCount() {
        return unacked.size();
    }

    public List<String> refusals() {
        return List.copyOf(refusals);
    }

    public int heartbeats() {
        return heartbeats.get();
    }

    // ------------------------------------------------------------------ protocol

    private Channel connected() {
        for (Channel c : sockets) {
            if (c.isActive()) {
                return c;
            }
        }
        return null;
    }

    private void redeliver() {
        Channel c = connected();
        if (c == null) {
            return;
        }
        long now = System.nanoTime();
        List<Event> due = new ArrayList<>();
        for (Event e : unacked.values()) {
            if (e.lastSentNanos == 0 || now - e.lastSentNanos > redeliverAfter.toNanos()) {
                due.add(e);
            }
        }
        if (!due.isEmpty()) {
            push(c, due);
        }
    }

    private void push(Channel c, List<Event> batch) {
        List<Event> out = new ArrayList<>(batch);
        if (reorder) {
            Collections.shuffle(out, random);
        }
        for (Event e : out) {
            int copies = random.nextDouble() < duplicateRate ? 2 : 1;
            for (int i = 0; i < copies; i++) {
                ObjectNode f = JSON.createObjectNode();
                f.put("id", e.id);
                f.put("commandType", "Common");
                f.put("time", e.time);
                f.put("sendTime", System.currentTimeMillis());
                ObjectNode m = f.putObject("message");
                m.put("type", e.type);
                m.put("mallID", MALL_ID);
                m.put("content", e.content); // a JSON document as a string, like the platform's SDKs show it
                e.lastSentNanos = System.nanoTime();
                e.deliveries++;
                c.write(new TextWebSocketFrame(f.toString()));
            }
        }
        c.flush();
    }

    /** Why the signed path is refused, or null when it is good. */
    String checkPath(String path) {
        String[] p = path.split("\\?", 2)[0].split("/");
        // "", "message", client_id, timestamp, sign
        if (p.length != 5 || !"message".equals(p[1])) {
            return "not a push path";
        }
        if (!CLIENT_ID.equals(p[2])) {
            return "invalid client_id";
        }
        long ts;
        try {
            ts = Long.parseLong(p[3]);
        } catch (NumberFormatException e) {
            return "invalid timestamp";
        }
        if (Math.abs(System.currentTimeMillis() - ts) > MAX_SKEW.toMillis()) {
            return "timestamp expired";
        }
        return expectedSign(p[2], p[3]).equals(p[4]) ? null : "invalid sign";
    }

    static String expectedSign(String clientId, String timestamp) {
        try {
            byte[] d = MessageDigest.getInstance("MD5").digest((clientId + timestamp + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(HexFormat.of().formatHex(d).getBytes(StandardCharsets.US_ASCII));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void route(ChannelHandlerContext ctx, FullHttpRequest req) {
        String why = checkPath(req.uri());
        if (why != null) {
            refusals.add(why);
            LoopbackServer.respond(ctx, req, 401, "application/json; charset=utf-8",
                    "{\"error_response\":{\"error_code\":10019,\"error_msg\":\"" + why + "\"}}");
            return;
        }
        WebSocketServerHandshaker hs = new WebSocketServerHandshakerFactory(url() + req.uri(), null, false, 1 << 20).newHandshaker(req);
        if (hs == null) {
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
            return;
        }
        Channel ch = ctx.channel();
        hs.handshake(ch, req).addListener(f -> {
            if (!f.isSuccess()) {
                return;
            }
            ctx.pipeline().remove("route");
            ctx.pipeline().addLast(new WebSocketFrameAggregator(1 << 20));
            ctx.pipeline().addLast(new SimpleChannelInboundHandler<WebSocketFrame>() {
                @Override
                protected void channelRead0(ChannelHandlerContext c, WebSocketFrame frame) {
                    onFrame(ch, frame);
                }

                @Override
                public void exceptionCaught(ChannelHandlerContext c, Throwable cause) {
                    c.close();
                }
            });
            // Whatever was in flight on an earlier connection is pushed again on this one.
            unacked.values().forEach(e -> e.lastSentNanos = 0);
            sockets.add(ch);
        });
    }

    private void onFrame(Channel ch, WebSocketFrame frame) {
        if (frame instanceof PingWebSocketFrame ping) {
            ch.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
            return;
        }
        if (frame instanceof CloseWebSocketFrame) {
            ch.close();
            return;
        }
        if (!(frame instanceof TextWebSocketFrame text)) {
            return;
        }
        JsonNode f;
        try {
            f = JSON.readTree(text.text());
        } catch (Exception e) {
            ch.writeAndFlush(new CloseWebSocketFrame(1007, "not JSON")).addListener(x -> ch.close());
            return;
        }
        switch (f.path("commandType").asText("")) {
            case "HeartBeat" -> {
                heartbeats.incrementAndGet();
                ch.writeAndFlush(new TextWebSocketFrame("{\"commandType\":\"HeartBeat\",\"time\":" + System.currentTimeMillis() + "}"));
            }
            case "Ack" -> ack(f);
            default -> { }
        }
    }

    private void ack(JsonNode f) {
        long id = f.path("id").asLong(-1);
        Event e = unacked.get(id);
        if (e == null && !acks.containsKey(id)) {
            badAcks.add("unknown id " + f.path("id"));
            return;
        }
        if (e != null && (!e.type.equals(f.path("type").asText()) || f.path("mallID").asLong() != MALL_ID || !f.has("sendTime"))) {
            badAcks.add("ack for " + id + " does not echo type/mallID/sendTime: " + f);
        }
        ackObserver.accept(id);
        acks.merge(id, 1, Integer::sum);
        unacked.remove(id);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        server.close();
    }
}

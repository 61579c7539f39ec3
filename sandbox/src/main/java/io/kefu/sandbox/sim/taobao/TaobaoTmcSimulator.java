package io.kefu.sandbox.sim.taobao;

import io.kefu.sandbox.sim.LoopbackServer;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Taobao's message service (TMC) for one app on loopback, per PLATFORMS.md §5: a WebSocket
 * speaking top-link v2 binary frames; CONNECT checked against the app key and TOP sign (refused
 * with a StatusCode otherwise), a token in CONNECTACK that every SEND must carry; Data pushed on
 * PullRequest and redelivered while unconfirmed (so duplicates happen); Confirm and Failed
 * recorded per message id. Faults on demand: duplicate and reorder deliveries, drop every
 * connection, send malformed frames.
 */
public final class TaobaoTmcSimulator implements AutoCloseable {
    public static final String APP_KEY = "12345678";
    public static final String APP_SECRET = "sim-tmc-secret-0123456789";

    /** A published message and what became of it. */
    public static final class Message {
        public final long id;
        public final String topic;
        public final String content;
        public final long time;
        volatile long lastSentNanos;
        public volatile int deliveries;

        Message(long id, String topic, String content, long time) {
            this.id = id;
            this.topic = topic;
            this.content = content;
            this.time = time;
        }
    }

    private final LoopbackServer server = new LoopbackServer("taobao-tmc", this::route);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tmc-sim-timer");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong ids = new AtomicLong(9_000_000_000L);
    private final Map<Long, Message> unconfirmed = new ConcurrentHashMap<>();
    private final Map<Long, Integer> confirms = new ConcurrentHashMap<>();
    private final Map<Long, String> failed = new ConcurrentHashMap<>();
    private final Map<String, Channel> tokens = new ConcurrentHashMap<>();
    private final List<Channel> sockets = new CopyOnWriteArrayList<>();
    private final List<String> refusals = new CopyOnWriteArrayList<>();
    private final Random random = new Random(5);
    private volatile Duration redeliverAfter = Duration.ofSeconds(2);
    private volatile double duplicateRate;
    private volatile boolean reorder;
    private volatile int pulls;

    public TaobaoTmcSimulator start() {
        server.start();
        timer.scheduleAtFixedRate(this::redeliver, 200, 200, TimeUnit.MILLISECONDS);
        return this;
    }

    public String url() {
        return "ws://127.0.0.1:" + server.port() + "/";
    }

    // ------------------------------------------------------------------ the store's side

    /** The platform emits a message on {@code topic}; returns its id. Delivered now if a client is connected. */
    public long publish(String topic, String contentJson, long time) {
        Message m = new Message(ids.incrementAndGet(), topic, contentJson, time);
        unconfirmed.put(m.id, m);
        Channel c = connected();
        if (c != null) {
            send(c, List.of(m));
        }
        return m.id;
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

    /** Every socket dropped without a close frame; unconfirmed messages stay for the next connection. */
    public void dropConnections() {
        server.dropConnections();
    }

    /** Raw bytes as a binary frame on the current connection (malformed frames). */
    public void sendRaw(byte[] bytes) {
        Channel c = connected();
        if (c == null) {
            throw new IllegalStateException("no connected client");
        }
        c.writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(bytes)));
    }

    /** Like {@link #sendRaw} but waits (asynchronously) for the next connection: for faults right after a drop. */
    public void sendRawWhenConnected(byte[] bytes) {
        timer.execute(new Runnable() {
            @Override
            public void run() {
                Channel c = connected();
                if (c == null) {
                    timer.schedule(this, 50, TimeUnit.MILLISECONDS);
                } else {
                    c.writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(bytes)));
                }
            }
        });
    }

    // ------------------------------------------------------------------ what kefu did

    public Map<Long, Integer> confirms() {
        return Map.copyOf(confirms);
    }

    public Map<Long, String> failed() {
        return Map.copyOf(failed);
    }

    public int unconfirmedCount() {
        return unconfirmed.size();
    }

    public List<String> refusals() {
        return List.copyOf(refusals);
    }

    public int connections() {
        return (int) sockets.stream().filter(Channel::isActive).count();
    }

    public int pulls() {
        return pulls;
    }

    // ------------------------------------------------------------------ protocol

    private Channel connected() {
        for (Channel c : tokens.values()) {
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
        List<Message> due = new ArrayList<>();
        for (Message m : unconfirmed.values()) {
            if (m.lastSentNanos != 0 && now - m.lastSentNanos > redeliverAfter.toNanos()) {
                due.add(m);
            }
        }
        if (!due.isEmpty()) {
            send(c, due);
        }
    }

    private void send(Channel c, List<Message> batch) {
        List<Message> out = new ArrayList<>(batch);
        if (reorder) {
            Collections.shuffle(out, random);
        }
        for (Message m : out) {
            int copies = random.nextDouble() < duplicateRate ? 2 : 1;
            for (int i = 0; i < copies; i++) {
                Map<String, Object> h = new LinkedHashMap<>();
                h.put("__kind", (short) 3);
                h.put("id", m.id);
                h.put("topic", m.topic);
                h.put("content", m.content);
                h.put("time", new Date(m.time));
                h.put("userid", 1001L);
                h.put("nick", "sim-seller");
                m.lastSentNanos = System.nanoTime();
                m.deliveries++;
                c.write(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(TmcSimFrames.write(2, null, null, null, h))));
            }
        }
        c.flush();
    }

    private void route(ChannelHandlerContext ctx, FullHttpRequest req) {
        WebSocketServerHandshaker hs = new WebSocketServerHandshakerFactory(url(), null, false, 1 << 20).newHandshaker(req);
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
        if (!(frame instanceof BinaryWebSocketFrame)) {
            return;
        }
        TmcSimFrames.Frame f;
        try {
            f = TmcSimFrames.read(ByteBufUtil.getBytes(frame.content()));
        } catch (RuntimeException e) {
            ch.writeAndFlush(new CloseWebSocketFrame(1002, "malformed frame")).addListener(x -> ch.close());
            return;
        }
        if (f.type() == 0) {
            connect(ch, f);
        } else if (f.type() == 2) {
            if (f.token() == null || tokens.get(f.token()) != ch) {
                ch.writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(
                        TmcSimFrames.write(3, 401, "invalid token", null, Map.of()))));
                return;
            }
            Object kind = f.headers().get("__kind");
            int k = kind instanceof Number n ? n.intValue() : -1;
            long id = f.headers().get("id") instanceof Number n ? n.longValue() : -1;
            switch (k) {
                case 1 -> {
                    pulls++;
                    List<Message> pending = unconfirmed.values().stream().filter(m -> m.lastSentNanos == 0).toList();
                    send(ch, pending);
                }
                case 2 -> {
                    confirms.merge(id, 1, Integer::sum);
                    unconfirmed.remove(id);
                }
                case 20 -> {
                    failed.put(id, String.valueOf(f.headers().get("msg")));
                    unconfirmed.remove(id);
                }
                default -> { }
            }
        }
    }

    private void connect(Channel ch, TmcSimFrames.Frame f) {
        Map<String, String> params = new TreeMap<>();
        f.headers().forEach((k, v) -> {
            if (!k.equals("sign") && v != null) {
                params.put(k, String.valueOf(v));
            }
        });
        String expected = sign(APP_SECRET, params);
        String why = !APP_KEY.equals(params.get("app_key")) ? "invalid app_key"
                : !expected.equals(String.valueOf(f.headers().get("sign"))) ? "invalid sign"
                : params.get("group_name") == null ? "missing group_name" : null;
        if (why != null) {
            refusals.add(why);
            ch.writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(TmcSimFrames.write(1, 401, why, null, Map.of()))));
            return;
        }
        String token = UUID.randomUUID().toString();
        tokens.put(token, ch);
        ch.writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(TmcSimFrames.write(1, null, null, token, Map.of()))));
        // Whatever was in flight on an earlier connection is sent again on this one.
        unconfirmed.values().forEach(m -> m.lastSentNanos = 0);
    }

    static String sign(String secret, Map<String, String> sorted) {
        StringBuilder sb = new StringBuilder(secret);
        sorted.forEach((k, v) -> sb.append(k).append(v));
        sb.append(secret);
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("MD5")
                    .digest(sb.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        server.close();
    }
}

package io.kefu.sandbox.sim.taobao;

import io.kefu.sandbox.sim.OrderFeedSimulator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Taobao's message service (TMC) for one app on loopback, per PLATFORMS.md §5: a WebSocket
 * speaking top-link v2 binary frames; CONNECT checked against the app key and TOP sign (refused
 * with a StatusCode otherwise), a token in CONNECTACK that every SEND must carry; Data sent on
 * PullRequest (and at once while a client is connected), redelivered while unconfirmed; Confirm
 * and Failed recorded per message id. Delivery and faults: {@link OrderFeedSimulator}.
 */
public final class TaobaoTmcSimulator extends OrderFeedSimulator<TaobaoTmcSimulator> {
    public static final String APP_KEY = "12345678";
    public static final String APP_SECRET = "sim-tmc-secret-0123456789";

    private final Map<String, Channel> tokens = new ConcurrentHashMap<>();
    private final Map<Long, String> failed = new ConcurrentHashMap<>();
    private final AtomicInteger pulls = new AtomicInteger();

    public TaobaoTmcSimulator() {
        super("taobao-tmc", 9_000_000_000L, 5, false);
    }

    public String url() {
        return "ws://127.0.0.1:" + port() + "/";
    }

    /** Raw bytes as a binary frame on the next live connection (malformed frames). */
    public void sendRawWhenConnected(byte[] bytes) {
        sendWhenConnected(() -> new BinaryWebSocketFrame(Unpooled.wrappedBuffer(bytes)));
    }

    /** Messages the client reported Failed, with its reason. */
    public Map<Long, String> failed() {
        return Map.copyOf(failed);
    }

    public int pulls() {
        return pulls.get();
    }

    // ------------------------------------------------------------------ protocol

    @Override
    protected WebSocketFrame frame(Event e) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("__kind", (short) 3);
        h.put("id", e.id);
        h.put("topic", e.type);
        h.put("content", e.content);
        h.put("time", new Date(e.time));
        h.put("userid", 1001L);
        h.put("nick", "sim-seller");
        return binary(TmcSimFrames.write(2, null, null, null, h));
    }

    private static BinaryWebSocketFrame binary(byte[] b) {
        return new BinaryWebSocketFrame(Unpooled.wrappedBuffer(b));
    }

    @Override
    protected void onFrame(Channel ch, WebSocketFrame frame) {
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
                ch.writeAndFlush(binary(TmcSimFrames.write(3, 401, "invalid token", null, Map.of())));
                return;
            }
            Object kind = f.headers().get("__kind");
            int k = kind instanceof Number n ? n.intValue() : -1;
            long id = f.headers().get("id") instanceof Number n ? n.longValue() : -1;
            switch (k) {
                case 1 -> {
                    pulls.incrementAndGet();
                    List<Event> unsent = unsent();
                    if (!unsent.isEmpty()) {
                        send(ch, unsent);
                    }
                }
                case 2 -> acked(id);
                case 20 -> {
                    failed.put(id, String.valueOf(f.headers().get("msg")));
                    settled(id);
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
            refused(why);
            ch.writeAndFlush(binary(TmcSimFrames.write(1, 401, why, null, Map.of())));
            return;
        }
        String token = UUID.randomUUID().toString();
        tokens.put(token, ch);
        ch.closeFuture().addListener(x -> tokens.remove(token));
        ch.writeAndFlush(binary(TmcSimFrames.write(1, null, null, token, Map.of())));
        accepted(ch);
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
}

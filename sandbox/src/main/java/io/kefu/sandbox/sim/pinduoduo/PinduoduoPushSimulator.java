package io.kefu.sandbox.sim.pinduoduo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kefu.sandbox.sim.LoopbackServer;
import io.kefu.sandbox.sim.OrderFeedSimulator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Pinduoduo's message push for one app on loopback, per PLATFORMS.md §6: the WebSocket upgrade on
 * {@code /message/{client_id}/{timestamp}/{sign}} is verified (client id, sign, a timestamp within
 * {@link #MAX_SKEW} of the platform's clock) and answered 401 otherwise; JSON {@code Common} events
 * are pushed as soon as a client is connected and redelivered while unacknowledged;
 * {@code HeartBeat} is answered; every {@code Ack} is recorded, with whether it echoed the event's
 * type and mallID. Delivery and faults: {@link OrderFeedSimulator}. Its JSON handling is its own,
 * written from the page, not kefu's codec.
 */
public final class PinduoduoPushSimulator extends OrderFeedSimulator<PinduoduoPushSimulator> {
    public static final String CLIENT_ID = "sim-pdd-client-01";
    public static final String CLIENT_SECRET = "sim-pdd-secret-0123456789";
    public static final long MALL_ID = 880_001L;
    static final Duration MAX_SKEW = Duration.ofMinutes(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> badAcks = new CopyOnWriteArrayList<>();
    private final AtomicInteger heartbeats = new AtomicInteger();

    public PinduoduoPushSimulator() {
        super("pinduoduo-push", 6_100_000_000L, 7, true);
    }

    /** The base URL a client signs its path onto. */
    public String url() {
        return "ws://127.0.0.1:" + port();
    }

    /** A raw text frame on the next live connection (malformed frames). */
    public void sendRawWhenConnected(String text) {
        sendWhenConnected(() -> new TextWebSocketFrame(text));
    }

    /** Acks whose id, type or mallID did not match an event we sent. */
    public List<String> badAcks() {
        return List.copyOf(badAcks);
    }

    public int heartbeats() {
        return heartbeats.get();
    }

    // ------------------------------------------------------------------ protocol

    @Override
    protected WebSocketFrame frame(Event e) {
        ObjectNode f = JSON.createObjectNode();
        f.put("id", e.id);
        f.put("commandType", "Common");
        f.put("time", e.time);
        f.put("sendTime", clock().millis());
        ObjectNode m = f.putObject("message");
        m.put("type", e.type);
        m.put("mallID", MALL_ID);
        m.put("content", e.content); // a JSON document as a string, like the platform's SDKs show it
        return new TextWebSocketFrame(f.toString());
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
        if (Math.abs(clock().millis() - ts) > MAX_SKEW.toMillis()) {
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

    @Override
    protected boolean acceptUpgrade(ChannelHandlerContext ctx, FullHttpRequest req) {
        String why = checkPath(req.uri());
        if (why == null) {
            return true;
        }
        refused(why);
        LoopbackServer.respond(ctx, req, 401, "application/json; charset=utf-8",
                "{\"error_response\":{\"error_code\":10019,\"error_msg\":\"" + why + "\"}}");
        return false;
    }

    @Override
    protected void upgraded(Channel ch) {
        accepted(ch); // no greeting frame: the signed URL was the credential
    }

    @Override
    protected void onFrame(Channel ch, WebSocketFrame frame) {
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
                ch.writeAndFlush(new TextWebSocketFrame("{\"commandType\":\"HeartBeat\",\"time\":" + clock().millis() + "}"));
            }
            case "Ack" -> ack(f);
            default -> { }
        }
    }

    private void ack(JsonNode f) {
        long id = f.path("id").asLong(-1);
        Event e = pendingEvent(id);
        if (e == null && !everAcked(id)) {
            badAcks.add("unknown id " + f.path("id"));
            return;
        }
        if (e != null && (!e.type.equals(f.path("type").asText()) || f.path("mallID").asLong() != MALL_ID || !f.has("sendTime"))) {
            badAcks.add("ack for " + id + " does not echo type/mallID/sendTime: " + f);
        }
        acked(id);
    }
}

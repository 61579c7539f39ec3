package io.kefu.sandbox.sim.feishu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import io.kefu.proto.feishu.Frame;
import io.kefu.proto.feishu.Header;
import io.kefu.sandbox.sim.LoopbackServer;
import io.kefu.sandbox.sim.PlatformSimulator;
import io.kefu.sandbox.sim.WebSocketUpgrade;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Feishu's side of one self-built app, on loopback, per PLATFORMS.md §2 and "Outbound APIs":
 * <ul>
 *   <li>{@code POST /callback/ws/endpoint} (AppID/AppSecret → a single-use {@code ws://…/ws/v2?device_id&service_id&ticket}
 *       and the ClientConfig; 514 for wrong credentials, 1 "busy" on demand);</li>
 *   <li>the long connection: pbbp2 frames; each event pushed as a DATA frame to one random open
 *       connection of the app, acks (the same frame back, code 200, {@code biz_rt}) timed against
 *       the 3 s deadline by this simulator's clock, unacked events pushed again; pings answered
 *       with a pong carrying the current ClientConfig;</li>
 *   <li>{@code tenant_access_token/internal} and {@code im/v1/messages?receive_id_type=chat_id}
 *       (every accepted send is recorded, including a repeat of the same {@code uuid});</li>
 *   <li>HTTP event subscription deliveries (encrypted and signed) to a request URL.</li>
 * </ul>
 * Faults on demand: drop or kill connections, rotate the URL, duplicates, fragmented events,
 * malformed frames, withheld pongs, a busy endpoint, 429s on sends, expired tokens.
 */
public final class FeishuSimulator implements PlatformSimulator {
    public static final String APP_ID = "cli_simfeishu00001";
    public static final String APP_SECRET = "sim-feishu-app-secret";
    public static final String ENCRYPT_KEY = "sim-feishu-encrypt-key";
    public static final Duration ACK_DEADLINE = Duration.ofSeconds(3);
    /** First push plus this many more when acks are missing. */
    static final int MAX_PUSHES = 4;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An im/v1/messages call the simulator accepted. */
    public record Sent(String chatId, String text, String uuid, String messageId) {}

    /** One push of an event over a socket, and when (if) kefu acked it. */
    public static final class Push {
        public final String frameMessageId;
        public final String eventId;
        public final int attempt;
        volatile long sentNanos;
        volatile long ackNanos = -1;
        volatile String bizRt;

        Push(String frameMessageId, String eventId, int attempt) {
            this.frameMessageId = frameMessageId;
            this.eventId = eventId;
            this.attempt = attempt;
        }

        public boolean acked() {
            return ackNanos >= 0;
        }

        public long ackMillis() {
            return acked() ? TimeUnit.NANOSECONDS.toMillis(ackNanos - sentNanos) : -1;
        }

        public String bizRt() {
            return bizRt;
        }
    }

    private final LoopbackServer server;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "feishu-sim-timer");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Set<String> tickets = ConcurrentHashMap.newKeySet();
    private final Set<String> tokens = ConcurrentHashMap.newKeySet();
    private final List<FeishuSimSocket> sockets = new CopyOnWriteArrayList<>();
    private final Queue<Runnable> undelivered = new ConcurrentLinkedQueue<>();
    private final Map<String, byte[]> events = new ConcurrentHashMap<>();
    private final Map<String, Push> pushesById = new ConcurrentHashMap<>();
    private final List<Push> pushes = new CopyOnWriteArrayList<>();
    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final List<Integer> pingServices = new CopyOnWriteArrayList<>();
    private final AtomicInteger socketIds = new AtomicInteger();
    private final AtomicInteger endpointCalls = new AtomicInteger();
    private final AtomicInteger sendsToRefuse = new AtomicInteger();
    private final AtomicInteger rateLimited = new AtomicInteger();
    private final AtomicInteger endpointBusy = new AtomicInteger();
    private final AtomicInteger badClientFrames = new AtomicInteger();
    private final AtomicLong seq = new AtomicLong();
    private volatile int serviceId = 31_000 + ThreadLocalRandom.current().nextInt(1000);
    private volatile boolean answerPings = true;
    private volatile boolean repushUnacked = true;
    private volatile String clientConfig = clientConfigJson(-1, 1, 1, 2);
    private volatile String pongConfig;

    public FeishuSimulator() {
        this.server = new LoopbackServer("feishu", this::route);
    }

    public FeishuSimulator start() {
        server.start();
        return this;
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    public static String clientConfigJson(int reconnectCount, int reconnectInterval, int reconnectNonce, int pingInterval) {
        return "{\"ReconnectCount\":" + reconnectCount + ",\"ReconnectInterval\":" + reconnectInterval + ",\"ReconnectNonce\":"
                + reconnectNonce + ",\"PingInterval\":" + pingInterval + "}";
    }

    /** The ClientConfig the endpoint hands out (and pongs carry, unless {@link #pongConfig} says otherwise). */
    public void clientConfig(String json) {
        clientConfig = json;
    }

    /** Pongs carry this ClientConfig from now on (the platform changing its mind mid-connection). */
    public void pongConfig(String json) {
        pongConfig = json;
    }

    // ---------------------------------------------------------------- buyer side

    /** A user writes {@code text} in chat {@code chatId}; returns the event_id. */
    public String userSays(String chatId, String openId, String text) {
        String eventId = newEvent(chatId, openId, text);
        push(eventId, 0);
        return eventId;
    }

    /** The same event pushed again (what the platform does after a missed ack or at will). */
    public void redeliver(String eventId) {
        push(eventId, 1);
    }

    /** An {@code im.message.receive_v1} event as the platform writes it. */
    public ObjectNode eventJson(String eventId, String chatId, String openId, String text) {
        ObjectNode root = JSON.createObjectNode();
        root.put("schema", "2.0");
        ObjectNode h = root.putObject("header");
        h.put("event_id", eventId);
        h.put("event_type", "im.message.receive_v1");
        h.put("create_time", Long.toString(System.currentTimeMillis()));
        h.put("token", "");
        h.put("app_id", APP_ID);
        h.put("tenant_key", "sim-tenant");
        ObjectNode e = root.putObject("event");
        ObjectNode sender = e.putObject("sender");
        ObjectNode sid = sender.putObject("sender_id");
        sid.put("union_id", "on_" + openId);
        sid.put("user_id", openId);
        sid.put("open_id", openId);
        sender.put("sender_type", "user");
        sender.put("tenant_key", "sim-tenant");
        ObjectNode m = e.putObject("message");
        m.put("message_id", "om_" + UUID.randomUUID().toString().replace("-", ""));
        m.put("root_id", "");
        m.put("parent_id", "");
        m.put("create_time", Long.toString(System.currentTimeMillis()));
        m.put("chat_id", chatId);
        m.put("chat_type", chatId.startsWith("oc_p2p") ? "p2p" : "group");
        m.put("message_type", "text");
        m.put("content", JSON.createObjectNode().put("text", text).toString());
        m.putArray("mentions");
        return root;
    }

    private String newEvent(String chatId, String openId, String text) {
        String eventId = UUID.randomUUID().toString().replace("-", "");
        events.put(eventId, eventJson(eventId, chatId, openId, text).toString().getBytes(StandardCharsets.UTF_8));
        return eventId;
    }

    private void push(String eventId, int attempt) {
        FeishuSimSocket s = pick();
        if (s == null) {
            undelivered.add(() -> push(eventId, attempt));
            return;
        }
        Push p = new Push(UUID.randomUUID().toString(), eventId, attempt);
        pushesById.put(p.frameMessageId, p);
        p.sentNanos = System.nanoTime();
        pushes.add(p);
        s.send(dataFrame(s, p.frameMessageId, 1, 0, events.get(eventId)));
        timer.schedule(() -> {
            if (!p.acked() && repushUnacked && attempt + 1 < MAX_PUSHES) {
                push(eventId, attempt + 1);
            }
        }, ACK_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    }

    private Frame dataFrame(FeishuSimSocket s, String messageId, int sum, int seqNo, byte[] payload) {
        return Frame.newBuilder().setSeqID(seq.incrementAndGet()).setLogID(ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE))
                .setService(s.serviceId).setMethod(1)
                .addHeaders(header("type", "event"))
                .addHeaders(header("message_id", messageId))
                .addHeaders(header("sum", Integer.toString(sum)))
                .addHeaders(header("seq", Integer.toString(seqNo)))
                .addHeaders(header("trace_id", UUID.randomUUID().toString()))
                .addHeaders(header("timestamp", Long.toString(System.currentTimeMillis())))
                .setPayload(ByteString.copyFrom(payload)).setLogIDNew("sim-" + seq.get()).build();
    }

    private static Header header(String k, String v) {
        return Header.newBuilder().setKey(k).setValue(v).build();
    }

    /** One random open connection of the app gets each event (the platform's rule). */
    private FeishuSimSocket pick() {
        List<FeishuSimSocket> open = sockets.stream().filter(FeishuSimSocket::open).toList();
        return open.isEmpty() ? null : open.get(ThreadLocalRandom.current().nextInt(open.size()));
    }

    // ---------------------------------------------------------------- faults

    /** An event split over {@code parts} DATA frames (sum/seq), sent in a shuffled order; returns the event_id. */
    public String userSaysFragmented(String chatId, String openId, String text, int parts) {
        String eventId = newEvent(chatId, openId, text);
        byte[] b = events.get(eventId);
        FeishuSimSocket s = requireSocket();
        Push p = new Push(UUID.randomUUID().toString(), eventId, 0);
        pushesById.put(p.frameMessageId, p);
        int size = (b.length + parts - 1) / parts;
        List<Frame> frames = new ArrayList<>();
        for (int i = 0; i < parts; i++) {
            int from = Math.min(b.length, i * size);
            int to = Math.min(b.length, from + size);
            frames.add(dataFrame(s, p.frameMessageId, parts, i, java.util.Arrays.copyOfRange(b, from, to)));
        }
        Collections.shuffle(frames);
        p.sentNanos = System.nanoTime();
        pushes.add(p);
        frames.forEach(s::send);
        return eventId;
    }

    /** Raw bytes as one binary message on a connection (junk, or a frame missing required fields). */
    public void sendRaw(byte[] bytes) {
        requireSocket().sendBytes(bytes);
    }

    /** Every connection dropped without a close frame; the server keeps listening. */
    public void dropConnections() {
        server.dropConnections();
    }

    /** Process killed: nothing listens, every socket gone; events and sends are kept for {@link #restart()}. */
    public void kill() {
        server.kill();
    }

    public void restart() {
        server.start();
    }

    /** The platform moves the app to a new service: connections closed, the next endpoint call gets a new URL. */
    public int rotateUrl() {
        serviceId = serviceId + 1;
        for (FeishuSimSocket s : sockets) {
            if (s.open()) {
                s.closeWith(1001, "service moved");
            }
        }
        return serviceId;
    }

    public void answerPings(boolean on) {
        answerPings = on;
    }

    public void repushUnacked(boolean on) {
        repushUnacked = on;
    }

    /** The next {@code n} endpoint calls answer code 1 (system busy). */
    public void endpointBusyFor(int n) {
        endpointBusy.set(n);
    }

    /** The next {@code n} sends get HTTP 429 / code 99991400. */
    public void rateLimitNextSends(int n) {
        sendsToRefuse.set(n);
    }

    /** Every tenant_access_token issued so far stops working (code 99991663 on use). */
    public void expireTokens() {
        tokens.clear();
    }

    // ---------------------------------------------------------------- what kefu did

    public List<Sent> sent() {
        return List.copyOf(sent);
    }

    public List<Sent> sentTo(String chatId) {
        return sent.stream().filter(s -> s.chatId().equals(chatId)).toList();
    }

    public int rateLimited() {
        return rateLimited.get();
    }

    public List<Push> pushes() {
        return List.copyOf(pushes);
    }

    public long repushes() {
        return pushes.stream().filter(p -> p.attempt > 0).count();
    }

    public boolean connected() {
        return sockets.stream().anyMatch(FeishuSimSocket::open);
    }

    public int openSockets() {
        return (int) sockets.stream().filter(FeishuSimSocket::open).count();
    }

    public int endpointCalls() {
        return endpointCalls.get();
    }

    /** service ids of the pings received, in order. */
    public List<Integer> pingServices() {
        return List.copyOf(pingServices);
    }

    public int badClientFrames() {
        return badClientFrames.get();
    }

    public int serviceId() {
        return serviceId;
    }

    // ---------------------------------------------------------------- HTTP event subscription (webhook mode)

    /** POSTs an event to {@code url} encrypted with {@code ENCRYPT_KEY}, signed with {@code signKey} at {@code timestampSeconds}. */
    public int postWebhookEvent(URI url, String eventJson, String signKey, long timestampSeconds) {
        String body = JSON.createObjectNode().put("encrypt", encrypt(eventJson)).toString();
        String nonce = UUID.randomUUID().toString();
        String ts = Long.toString(timestampSeconds);
        String sig = sha256Hex((ts + nonce + signKey).getBytes(StandardCharsets.UTF_8), body.getBytes(StandardCharsets.UTF_8));
        HttpRequest r = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .header("X-Lark-Request-Timestamp", ts).header("X-Lark-Request-Nonce", nonce).header("X-Lark-Signature", sig)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            return http.send(r, HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return -1;
        }
    }

    public String newEventJson(String chatId, String openId, String text) {
        return eventJson(UUID.randomUUID().toString().replace("-", ""), chatId, openId, text).toString();
    }

    static String encrypt(String plaintext) {
        try {
            byte[] key = MessageDigest.getInstance("SHA-256").digest(ENCRYPT_KEY.getBytes(StandardCharsets.UTF_8));
            byte[] iv = new byte[16];
            new SecureRandom().nextBytes(iv);
            Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
            byte[] ct = c.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[16 + ct.length];
            System.arraycopy(iv, 0, out, 0, 16);
            System.arraycopy(ct, 0, out, 16, ct.length);
            return Base64.getEncoder().encodeToString(out);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256Hex(byte[] a, byte[] b) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(a);
            return HexFormat.of().formatHex(d.digest(b));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- HTTP + WebSocket server

    private void route(ChannelHandlerContext ctx, FullHttpRequest req) throws Exception {
        QueryStringDecoder q = new QueryStringDecoder(req.uri());
        switch (q.path()) {
            case "/callback/ws/endpoint" -> endpoint(ctx, req);
            case "/open-apis/auth/v3/tenant_access_token/internal" -> tenantToken(ctx, req);
            case "/open-apis/im/v1/messages" -> sendMessage(ctx, req, q);
            case "/ws/v2" -> upgrade(ctx, req, q);
            default -> LoopbackServer.respond(ctx, req, 404, "application/json", "{\"code\":404,\"msg\":\"not found\"}");
        }
    }

    private JsonNode body(FullHttpRequest req) {
        try {
            return JSON.readTree(ByteBufUtil.getBytes(req.content()));
        } catch (Exception e) {
            return JSON.createObjectNode();
        }
    }

    private void endpoint(ChannelHandlerContext ctx, FullHttpRequest req) {
        endpointCalls.incrementAndGet();
        JsonNode b = body(req);
        if (!APP_ID.equals(b.path("AppID").asText()) || !APP_SECRET.equals(b.path("AppSecret").asText())) {
            LoopbackServer.json(ctx, req, "{\"code\":514,\"msg\":\"auth failed\",\"data\":{}}");
            return;
        }
        if (endpointBusy.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            LoopbackServer.json(ctx, req, "{\"code\":1,\"msg\":\"system busy\",\"data\":{}}");
            return;
        }
        String ticket = UUID.randomUUID().toString();
        tickets.add(ticket);
        String url = "ws://127.0.0.1:" + server.port() + "/ws/v2?fpid=493&aid=552564&device_id=sim-" + ticket.substring(0, 8)
                + "&access_key=sim&service_id=" + serviceId + "&ticket=" + ticket;
        LoopbackServer.json(ctx, req, "{\"code\":0,\"msg\":\"ok\",\"data\":{\"URL\":\"" + url + "\",\"ClientConfig\":" + clientConfig + "}}");
    }

    private void tenantToken(ChannelHandlerContext ctx, FullHttpRequest req) {
        JsonNode b = body(req);
        if (!APP_ID.equals(b.path("app_id").asText()) || !APP_SECRET.equals(b.path("app_secret").asText())) {
            LoopbackServer.json(ctx, req, "{\"code\":10014,\"msg\":\"app secret invalid\"}");
            return;
        }
        String t = "t-sim-" + UUID.randomUUID();
        tokens.add(t);
        LoopbackServer.json(ctx, req, "{\"code\":0,\"msg\":\"ok\",\"tenant_access_token\":\"" + t + "\",\"expire\":7200}");
    }

    private void sendMessage(ChannelHandlerContext ctx, FullHttpRequest req, QueryStringDecoder q) {
        String auth = req.headers().get("Authorization", "");
        if (!auth.startsWith("Bearer ") || !tokens.contains(auth.substring(7))) {
            LoopbackServer.respond(ctx, req, 400, "application/json", "{\"code\":99991663,\"msg\":\"Invalid access token for authorization\"}");
            return;
        }
        if (!"chat_id".equals(q.parameters().getOrDefault("receive_id_type", List.of("")).get(0))) {
            LoopbackServer.respond(ctx, req, 400, "application/json", "{\"code\":230001,\"msg\":\"invalid receive_id_type\"}");
            return;
        }
        if (sendsToRefuse.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            rateLimited.incrementAndGet();
            LoopbackServer.respond(ctx, req, 429, "application/json", "{\"code\":99991400,\"msg\":\"request trigger frequency limit\"}",
                    Map.of("x-ogw-ratelimit-limit", "5", "x-ogw-ratelimit-reset", "1"));
            return;
        }
        JsonNode b = body(req);
        String chat = b.path("receive_id").asText("");
        String text;
        try {
            text = JSON.readTree(b.path("content").asText("")).path("text").asText("");
        } catch (Exception e) {
            text = "";
        }
        if (chat.isEmpty() || !"text".equals(b.path("msg_type").asText()) || text.isEmpty()) {
            LoopbackServer.respond(ctx, req, 400, "application/json", "{\"code\":230001,\"msg\":\"invalid content\"}");
            return;
        }
        String id = "om_" + UUID.randomUUID().toString().replace("-", "");
        sent.add(new Sent(chat, text, b.path("uuid").asText(""), id));
        LoopbackServer.json(ctx, req, "{\"code\":0,\"msg\":\"success\",\"data\":{\"message_id\":\"" + id + "\",\"chat_id\":\"" + chat
                + "\",\"msg_type\":\"text\"}}");
    }

    private void upgrade(ChannelHandlerContext ctx, FullHttpRequest req, QueryStringDecoder q) {
        List<String> t = q.parameters().get("ticket");
        List<String> svc = q.parameters().get("service_id");
        if (t == null || !tickets.remove(t.get(0)) || svc == null) {
            // Connection URLs are single-use.
            LoopbackServer.respond(ctx, req, 403, "text/plain", "invalid or used ticket", Map.of("Handshake-Status", "403",
                    "Handshake-Msg", "forbidden"));
            return;
        }
        FeishuSimSocket socket = new FeishuSimSocket(socketIds.incrementAndGet(), Integer.parseInt(svc.get(0)), ctx.channel());
        WebSocketUpgrade.accept(ctx, req, "ws://127.0.0.1:" + server.port() + "/ws/v2", () -> opened(socket),
                frame -> onFrame(socket, frame), () -> sockets.remove(socket));
    }

    private void opened(FeishuSimSocket socket) {
        sockets.add(socket);
        Runnable r;
        while ((r = undelivered.poll()) != null) {
            r.run();
        }
    }

    private void onFrame(FeishuSimSocket socket, WebSocketFrame frame) {
        if (frame instanceof PingWebSocketFrame ping) {
            socket.channel.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
            return;
        }
        if (!(frame instanceof BinaryWebSocketFrame bin)) {
            badClientFrames.incrementAndGet();
            return;
        }
        Frame f;
        try {
            f = Frame.parseFrom(ByteBufUtil.getBytes(bin.content()));
        } catch (Exception e) {
            badClientFrames.incrementAndGet();
            return;
        }
        String type = headerOf(f, "type");
        if (f.getMethod() == 0) {
            if ("ping".equals(type)) {
                pingServices.add(f.getService());
                if (answerPings) {
                    String cfg = pongConfig != null ? pongConfig : clientConfig;
                    socket.send(Frame.newBuilder().setSeqID(0).setLogID(0).setService(f.getService()).setMethod(0)
                            .addHeaders(header("type", "pong")).setPayload(ByteString.copyFromUtf8(cfg)).build());
                }
            } else {
                badClientFrames.incrementAndGet();
            }
            return;
        }
        // A DATA frame from the client is the ack of a push: same message_id, payload {"code":200,…}, biz_rt.
        Push p = pushesById.get(String.valueOf(headerOf(f, "message_id")));
        int code;
        try {
            code = JSON.readTree(f.getPayload().toByteArray()).path("code").asInt(-1);
        } catch (Exception e) {
            code = -1;
        }
        if (p == null || code != 200 || headerOf(f, "biz_rt") == null) {
            badClientFrames.incrementAndGet();
            return;
        }
        if (!p.acked()) {
            p.bizRt = headerOf(f, "biz_rt");
            p.ackNanos = System.nanoTime();
        }
    }

    private static String headerOf(Frame f, String key) {
        for (Header h : f.getHeadersList()) {
            if (h.getKey().equals(key)) {
                return h.getValue();
            }
        }
        return null;
    }

    private FeishuSimSocket requireSocket() {
        FeishuSimSocket s = pick();
        if (s == null) {
            throw new IllegalStateException("no Feishu long connection open");
        }
        return s;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        server.close();
    }
}

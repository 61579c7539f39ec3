package io.kefu.sandbox.sim.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kefu.sandbox.sim.LoopbackServer;
import io.kefu.sandbox.sim.PlatformSimulator;
import io.kefu.sandbox.sim.WebSocketUpgrade;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Slack's side of a workspace with one app installed, on loopback, per PLATFORMS.md §3:
 * <ul>
 *   <li>Web API: {@code apps.connections.open} (app token → single-use {@code ws://…/link/?ticket=…}),
 *       {@code auth.test}, {@code chat.postMessage} (bot token; records every post; answers
 *       429 + Retry-After on demand);</li>
 *   <li>Socket Mode: {@code hello}, {@code events_api} envelopes, acks timed against the 3 s deadline
 *       with redelivery ({@code retry_attempt}, {@code retry_reason: timeout}) when missed,
 *       {@code disconnect} warnings, pings answered (or not, on demand);</li>
 *   <li>Events API: signed v0 webhook deliveries to a request URL, with Slack's retry headers.</li>
 * </ul>
 * Faults on demand: drop or kill connections, duplicates, fragmented / malformed / binary frames,
 * 429s, withheld pongs, link disabled. Everything kefu sent is recorded for exactly-once checks.
 */
public final class SlackSimulator implements PlatformSimulator {
    public static final String APP_TOKEN = "xapp-1-ASIM-sim-app-token";
    public static final String BOT_TOKEN = "xoxb-sim-bot-token";
    public static final String SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    public static final String BOT_USER = "USIMBOT";
    public static final String BOT_ID = "BSIMBOT";
    public static final Duration ACK_DEADLINE = Duration.ofSeconds(3);
    static final int MAX_RETRIES = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A chat.postMessage the simulator accepted. */
    public record Post(String channel, String text, String ts) {}

    /** One delivery of an event to a socket, and when (if) kefu acked it. */
    public static final class Envelope {
        public final String envelopeId;
        public final String eventId;
        final ObjectNode payload;
        final int retryAttempt;
        volatile long sentNanos;
        volatile long ackNanos = -1;

        Envelope(String envelopeId, String eventId, ObjectNode payload, int retryAttempt) {
            this.envelopeId = envelopeId;
            this.eventId = eventId;
            this.payload = payload;
            this.retryAttempt = retryAttempt;
        }

        public int retryAttempt() {
            return retryAttempt;
        }

        public boolean acked() {
            return ackNanos >= 0;
        }

        public long ackMillis() {
            return acked() ? TimeUnit.NANOSECONDS.toMillis(ackNanos - sentNanos) : -1;
        }
    }

    private final LoopbackServer server;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "slack-sim-timer");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Set<String> tickets = ConcurrentHashMap.newKeySet();
    private final List<SlackSimSocket> sockets = new CopyOnWriteArrayList<>();
    private final Queue<Envelope> undelivered = new ConcurrentLinkedQueue<>();
    private final Map<String, Envelope> envelopes = new ConcurrentHashMap<>();
    private final List<Envelope> deliveries = new CopyOnWriteArrayList<>();
    private final Map<String, ObjectNode> events = new ConcurrentHashMap<>();
    private final List<Post> posts = new CopyOnWriteArrayList<>();
    private final AtomicInteger socketIds = new AtomicInteger();
    private final AtomicInteger connectionsOpened = new AtomicInteger();
    private final AtomicInteger rateLimitedPosts = new AtomicInteger();
    private final AtomicInteger postsToRefuse = new AtomicInteger();
    private final AtomicInteger pingsAnswered = new AtomicInteger();
    private final AtomicInteger unknownAcks = new AtomicInteger();
    private final AtomicLong ts = new AtomicLong(1_700_000_000_000_000L);
    private volatile int retryAfterSeconds = 1;
    private volatile boolean answerPings = true;
    private volatile boolean echoBotPosts = true;
    private volatile boolean redeliverUnacked = true;
    private volatile boolean linkDisabled;
    private volatile Duration disconnectGrace = Duration.ofSeconds(10);

    public SlackSimulator() {
        this.server = new LoopbackServer("slack", this::route);
    }

    public SlackSimulator start() {
        server.start();
        return this;
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    // ---------------------------------------------------------------- buyer side (events)

    /** A person writes {@code text} in Slack channel {@code channel}; returns the event_id. Delivered over Socket Mode. */
    public String userSays(String channel, String user, String text) {
        ObjectNode payload = eventPayload(channel, user, text, null);
        String eventId = payload.get("event_id").asText();
        events.put(eventId, payload);
        deliver(new Envelope(UUID.randomUUID().toString(), eventId, payload, 0));
        return eventId;
    }

    /** The same event again in a new envelope (what Slack does after a missed ack or a reconnect). */
    public void redeliver(String eventId) {
        ObjectNode payload = events.get(eventId);
        deliver(new Envelope(UUID.randomUUID().toString(), eventId, payload, 1));
    }

    /** An Events API payload for the webhook path (same shape as over Socket Mode). */
    public ObjectNode eventPayload(String channel, String user, String text, String botId) {
        ObjectNode event = JSON.createObjectNode();
        event.put("type", "message");
        event.put("channel", channel);
        event.put("user", user);
        event.put("text", text);
        String eventTs = nextTs();
        event.put("ts", eventTs);
        event.put("channel_type", channel.startsWith("D") ? "im" : "channel");
        if (botId != null) {
            event.put("bot_id", botId);
        }
        ObjectNode payload = JSON.createObjectNode();
        payload.put("token", "verification-token-unused");
        payload.put("team_id", "TSIM");
        payload.put("api_app_id", "ASIM");
        payload.set("event", event);
        payload.put("type", "event_callback");
        payload.put("event_id", "Ev" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase());
        payload.put("event_time", System.currentTimeMillis() / 1000);
        return payload;
    }

    private String nextTs() {
        long t = ts.incrementAndGet();
        return (t / 1_000_000) + "." + String.format("%06d", t % 1_000_000);
    }

    private void deliver(Envelope e) {
        envelopes.put(e.envelopeId, e);
        SlackSimSocket s = current();
        if (s == null) {
            undelivered.add(e);
            return;
        }
        sendEnvelope(s, e);
    }

    private void sendEnvelope(SlackSimSocket s, Envelope e) {
        ObjectNode env = JSON.createObjectNode();
        env.put("envelope_id", e.envelopeId);
        env.set("payload", e.payload);
        env.put("type", "events_api");
        env.put("accepts_response_payload", false);
        env.put("retry_attempt", e.retryAttempt);
        env.put("retry_reason", e.retryAttempt == 0 ? "" : "timeout");
        e.sentNanos = System.nanoTime();
        deliveries.add(e);
        s.send(env.toString());
        timer.schedule(() -> {
            if (!e.acked() && redeliverUnacked && e.retryAttempt < MAX_RETRIES) {
                deliver(new Envelope(UUID.randomUUID().toString(), e.eventId, e.payload, e.retryAttempt + 1));
            }
        }, ACK_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The socket new envelopes go to: the newest greeted one that was not warned. */
    private SlackSimSocket current() {
        SlackSimSocket best = null;
        for (SlackSimSocket s : sockets) {
            if (s.open() && s.helloSent && !s.warned) {
                best = s;
            }
        }
        return best;
    }

    // ---------------------------------------------------------------- Events API (webhook) delivery

    /** Result of one signed POST to kefu's request URL. */
    public record WebhookDelivery(int status, String body, long millis) {}

    /** POSTs {@code payload} to {@code url} signed with {@code secret} at {@code timestampSeconds}. */
    public WebhookDelivery postSigned(URI url, String body, String secret, long timestampSeconds, int retryNum) {
        String tsStr = Long.toString(timestampSeconds);
        String sig = sign(secret, tsStr, body.getBytes(StandardCharsets.UTF_8));
        return post(url, body, tsStr, sig, retryNum);
    }

    public WebhookDelivery post(URI url, String body, String timestamp, String signature, int retryNum) {
        HttpRequest.Builder b = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (timestamp != null) {
            b.header("X-Slack-Request-Timestamp", timestamp);
        }
        if (signature != null) {
            b.header("X-Slack-Signature", signature);
        }
        if (retryNum > 0) {
            b.header("X-Slack-Retry-Num", Integer.toString(retryNum)).header("X-Slack-Retry-Reason", "http_timeout");
        }
        long t0 = System.nanoTime();
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new WebhookDelivery(r.statusCode(), r.body(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return new WebhookDelivery(-1, e.toString(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        }
    }

    /**
     * Delivers an event like Slack does: signed now; on a non-2xx answer or an answer slower than
     * 3 s, retried up to 3 times with {@code X-Slack-Retry-Num}. Returns every attempt.
     */
    public List<WebhookDelivery> deliverWebhook(URI url, ObjectNode payload) {
        List<WebhookDelivery> attempts = new ArrayList<>();
        for (int n = 0; n <= MAX_RETRIES; n++) {
            WebhookDelivery d = postSigned(url, payload.toString(), SIGNING_SECRET, System.currentTimeMillis() / 1000, n);
            attempts.add(d);
            if (d.status() / 100 == 2 && d.millis() <= ACK_DEADLINE.toMillis()) {
                break;
            }
        }
        return attempts;
    }

    public static String sign(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
            return "v0=" + java.util.HexFormat.of().formatHex(mac.doFinal(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- faults

    /** Sends a raw text frame (e.g. malformed JSON) on the current socket. */
    public void sendRaw(String text) {
        requireSocket().send(text);
    }

    /** Sends the next event split into {@code parts} WebSocket fragments. */
    public String userSaysFragmented(String channel, String user, String text, int parts) {
        ObjectNode payload = eventPayload(channel, user, text, null);
        String eventId = payload.get("event_id").asText();
        events.put(eventId, payload);
        Envelope e = new Envelope(UUID.randomUUID().toString(), eventId, payload, 0);
        envelopes.put(e.envelopeId, e);
        ObjectNode env = JSON.createObjectNode();
        env.put("envelope_id", e.envelopeId);
        env.set("payload", payload);
        env.put("type", "events_api");
        env.put("accepts_response_payload", false);
        env.put("retry_attempt", 0);
        env.put("retry_reason", "");
        e.sentNanos = System.nanoTime();
        deliveries.add(e);
        requireSocket().sendFragmented(env.toString(), parts);
        return eventId;
    }

    public void sendBinary(byte[] data) {
        requireSocket().sendBinary(data);
    }

    /** {@code {"type":"disconnect","reason":…}} on the current socket; it is closed after the grace period. */
    public void sendDisconnect(String reason) {
        SlackSimSocket s = requireSocket();
        s.warned = true;
        ObjectNode f = JSON.createObjectNode();
        f.put("type", "disconnect");
        f.put("reason", reason);
        f.putObject("debug_info").put("host", "slack-sim");
        s.send(f.toString());
        timer.schedule(() -> {
            if (s.open()) {
                s.closeWith(1000, "disconnect after " + reason);
            }
        }, disconnectGrace.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Every socket dropped without a close frame; the server keeps listening. */
    public void dropConnections() {
        server.dropConnections();
    }

    /** Process killed: nothing listens, every socket is gone. State (events, posts) is kept for {@link #restart()}. */
    public void kill() {
        server.kill();
    }

    public void restart() {
        server.start();
    }

    /** The next {@code n} chat.postMessage calls get HTTP 429 with {@code Retry-After: seconds}. */
    public void rateLimitNextPosts(int n, int seconds) {
        retryAfterSeconds = seconds;
        postsToRefuse.set(n);
    }

    public void answerPings(boolean on) {
        answerPings = on;
    }

    public void echoBotPosts(boolean on) {
        echoBotPosts = on;
    }

    public void disableLink() {
        linkDisabled = true;
        for (SlackSimSocket s : sockets) {
            if (s.open()) {
                s.send("{\"type\":\"disconnect\",\"reason\":\"link_disabled\"}");
            }
        }
    }

    // ---------------------------------------------------------------- what kefu did

    public List<Post> posts() {
        return List.copyOf(posts);
    }

    public List<Post> postsTo(String channel) {
        return posts.stream().filter(p -> p.channel().equals(channel)).toList();
    }

    public int rateLimitedPosts() {
        return rateLimitedPosts.get();
    }

    public int connectionsOpened() {
        return connectionsOpened.get();
    }

    public int openSockets() {
        return (int) sockets.stream().filter(SlackSimSocket::open).count();
    }

    public boolean hasGreetedSocket() {
        return current() != null;
    }

    public int pingsAnswered() {
        return pingsAnswered.get();
    }

    /** Every envelope delivery so far (first attempts and retries). */
    public List<Envelope> deliveries() {
        return List.copyOf(deliveries);
    }

    /** First deliveries of events that were acked within 3 s (measured here, as Slack does). */
    public long ackedWithinDeadline() {
        return deliveries.stream().filter(e -> e.acked() && e.ackMillis() <= ACK_DEADLINE.toMillis()).count();
    }

    public long retriedDeliveries() {
        return deliveries.stream().filter(e -> e.retryAttempt > 0).count();
    }

    public int unknownAcks() {
        return unknownAcks.get();
    }

    // ---------------------------------------------------------------- HTTP + WebSocket server

    private void route(ChannelHandlerContext ctx, FullHttpRequest req) throws Exception {
        QueryStringDecoder q = new QueryStringDecoder(req.uri());
        String auth = req.headers().get("Authorization", "");
        switch (q.path()) {
            case "/api/apps.connections.open" -> {
                if (!auth.equals("Bearer " + APP_TOKEN)) {
                    LoopbackServer.json(ctx, req, "{\"ok\":false,\"error\":\"invalid_auth\"}");
                } else if (linkDisabled) {
                    LoopbackServer.json(ctx, req, "{\"ok\":false,\"error\":\"socket_mode_disabled\"}");
                } else {
                    String ticket = UUID.randomUUID().toString();
                    tickets.add(ticket);
                    LoopbackServer.json(ctx, req, "{\"ok\":true,\"url\":\"ws://127.0.0.1:" + server.port() + "/link/?ticket=" + ticket
                            + "&app_id=ASIM\"}");
                }
            }
            case "/api/auth.test" -> LoopbackServer.json(ctx, req, auth.equals("Bearer " + BOT_TOKEN)
                    ? "{\"ok\":true,\"url\":\"https://sim.slack.com/\",\"team\":\"Sim\",\"user\":\"kefu\",\"team_id\":\"TSIM\",\"user_id\":\""
                      + BOT_USER + "\",\"bot_id\":\"" + BOT_ID + "\"}"
                    : "{\"ok\":false,\"error\":\"invalid_auth\"}");
            case "/api/chat.postMessage" -> postMessage(ctx, req, auth);
            case "/link/" -> upgrade(ctx, req, q);
            default -> LoopbackServer.respond(ctx, req, 404, "application/json", "{\"ok\":false,\"error\":\"unknown_method\"}");
        }
    }

    private void postMessage(ChannelHandlerContext ctx, FullHttpRequest req, String auth) throws Exception {
        if (!auth.equals("Bearer " + BOT_TOKEN)) {
            LoopbackServer.json(ctx, req, "{\"ok\":false,\"error\":\"invalid_auth\"}");
            return;
        }
        if (postsToRefuse.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            rateLimitedPosts.incrementAndGet();
            LoopbackServer.respond(ctx, req, 429, "application/json", "{\"ok\":false,\"error\":\"ratelimited\"}",
                    Map.of("Retry-After", Integer.toString(retryAfterSeconds)));
            return;
        }
        JsonNode body;
        try {
            body = JSON.readTree(ByteBufUtil.getBytes(req.content()));
        } catch (Exception e) {
            LoopbackServer.json(ctx, req, "{\"ok\":false,\"error\":\"invalid_json\"}");
            return;
        }
        String channel = body.path("channel").asText("");
        String text = body.path("text").asText("");
        if (channel.isEmpty()) {
            LoopbackServer.json(ctx, req, "{\"ok\":false,\"error\":\"channel_not_found\"}");
            return;
        }
        if (text.isEmpty()) {
            LoopbackServer.json(ctx, req, "{\"ok\":false,\"error\":\"no_text\"}");
            return;
        }
        String postTs = nextTs();
        posts.add(new Post(channel, text, postTs));
        LoopbackServer.json(ctx, req, "{\"ok\":true,\"channel\":\"" + channel + "\",\"ts\":\"" + postTs + "\"}");
        if (echoBotPosts) {
            // Slack sends the bot's own message back as an event; kefu must ignore it.
            ObjectNode echo = eventPayload(channel, BOT_USER, text, BOT_ID);
            String id = echo.get("event_id").asText();
            events.put(id, echo);
            deliver(new Envelope(UUID.randomUUID().toString(), id, echo, 0));
        }
    }

    private void upgrade(ChannelHandlerContext ctx, FullHttpRequest req, QueryStringDecoder q) {
        List<String> t = q.parameters().get("ticket");
        if (t == null || !tickets.remove(t.get(0))) {
            // Socket Mode URLs are single-use.
            LoopbackServer.respond(ctx, req, 401, "text/plain", "invalid or used ticket");
            return;
        }
        SlackSimSocket socket = new SlackSimSocket(socketIds.incrementAndGet(), ctx.channel());
        WebSocketUpgrade.accept(ctx, req, "ws://127.0.0.1:" + server.port() + "/link/", () -> opened(socket),
                frame -> onFrame(socket, frame), () -> sockets.remove(socket));
    }

    private void opened(SlackSimSocket socket) {
        sockets.add(socket);
        connectionsOpened.incrementAndGet();
        socket.send("{\"type\":\"hello\",\"num_connections\":" + openSockets()
                + ",\"debug_info\":{\"host\":\"slack-sim\",\"approximate_connection_time\":18060},\"connection_info\":{\"app_id\":\"ASIM\"}}");
        socket.helloSent = true;
        Envelope e;
        while ((e = undelivered.poll()) != null) {
            sendEnvelope(socket, e);
        }
    }

    private void onFrame(SlackSimSocket socket, WebSocketFrame frame) {
        if (frame instanceof PingWebSocketFrame ping) {
            if (answerPings) {
                pingsAnswered.incrementAndGet();
                socket.channel.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
            }
        } else if (frame instanceof TextWebSocketFrame text) {
            try {
                String id = JSON.readTree(text.text()).path("envelope_id").asText("");
                Envelope e = envelopes.get(id);
                if (e == null) {
                    unknownAcks.incrementAndGet();
                } else if (!e.acked()) {
                    e.ackNanos = System.nanoTime();
                }
            } catch (Exception ex) {
                unknownAcks.incrementAndGet();
            }
        }
    }

    private SlackSimSocket requireSocket() {
        SlackSimSocket s = current();
        if (s == null) {
            throw new IllegalStateException("no connected Socket Mode client");
        }
        return s;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        server.close();
    }
}

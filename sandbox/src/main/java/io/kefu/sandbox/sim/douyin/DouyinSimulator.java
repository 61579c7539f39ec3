package io.kefu.sandbox.sim.douyin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kefu.sandbox.sim.LoopbackServer;
import io.kefu.sandbox.sim.PlatformSimulator;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Douyin's side of one app, on loopback, per PLATFORMS.md §4 and "Outbound APIs":
 * <ul>
 *   <li>webhook deliveries to kefu's URL: JSON events with {@code Msg-Id} and
 *       {@code X-Douyin-Signature = hex(SHA1(client_secret + body))}; an answer that is not 2xx
 *       within 5 s (this simulator's clock) is retried, 3 times;</li>
 *   <li>{@code POST /oauth/client_token/} and the reply API in the shape kefu's {@code DouyinApi}
 *       documents ({@code POST /im/send/msg/?open_id=…}, header {@code access-token}); every
 *       accepted send is recorded.</li>
 * </ul>
 * Faults on demand: duplicates, malformed bodies, bad signatures, stale events, 429s, killed API server.
 */
public final class DouyinSimulator implements PlatformSimulator {
    public static final String CLIENT_KEY = "awsimdouyin000001";
    public static final String CLIENT_SECRET = "sim-douyin-client-secret";
    public static final String ACCOUNT_OPEN_ID = "_000SIMSTOREACCOUNT";
    public static final Duration DEADLINE = Duration.ofSeconds(5);
    static final int RETRIES = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A reply the simulator accepted. */
    public record Sent(String toUserId, String conversationId, String msgId, String text) {}

    /** One POST to kefu's webhook: which Msg-Id, which attempt, what came back, how long it took. */
    public record Delivery(String msgId, int attempt, int status, String body, long millis) {
        public boolean acked() {
            return status / 100 == 2;
        }
    }

    private final LoopbackServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Map<String, String> bodies = new ConcurrentHashMap<>();
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final Set<String> tokens = ConcurrentHashMap.newKeySet();
    private final AtomicInteger sendsToRefuse = new AtomicInteger();
    private final AtomicInteger rateLimited = new AtomicInteger();
    private volatile URI webhook;

    public DouyinSimulator() {
        this.server = new LoopbackServer("douyin", this::route);
    }

    public DouyinSimulator start() {
        server.start();
        return this;
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    public void webhookUrl(URI url) {
        this.webhook = url;
    }

    // ---------------------------------------------------------------- buyer side

    /** {@code im_receive_msg} as this simulator writes it (content as a JSON object; see DouyinWebhook). */
    public String receiveBody(String buyerOpenId, String conversationId, String text, long createTimeMs) {
        ObjectNode content = JSON.createObjectNode();
        content.put("conversation_short_id", conversationId);
        content.put("server_message_id", Long.toString(System.nanoTime()));
        content.put("conversation_type", 1);
        content.put("create_time", createTimeMs);
        content.put("message_type", "text");
        content.put("text", text);
        ObjectNode root = JSON.createObjectNode();
        root.put("event", "im_receive_msg");
        root.put("client_key", CLIENT_KEY);
        root.put("from_user_id", buyerOpenId);
        root.put("to_user_id", ACCOUNT_OPEN_ID);
        root.set("content", content);
        root.put("log_id", UUID.randomUUID().toString().replace("-", ""));
        return root.toString();
    }

    /** A buyer writes; the event is delivered (with retries) before this returns. Returns the Msg-Id. */
    public String buyerSays(String buyerOpenId, String conversationId, String text) {
        String msgId = newMessage(buyerOpenId, conversationId, text);
        deliver(msgId, 0).join();
        return msgId;
    }

    public CompletableFuture<Void> buyerSaysAsync(String buyerOpenId, String conversationId, String text, Collection<String> ids) {
        String msgId = newMessage(buyerOpenId, conversationId, text);
        ids.add(msgId);
        return deliver(msgId, 0);
    }

    private String newMessage(String buyerOpenId, String conversationId, String text) {
        String msgId = "dy-" + UUID.randomUUID();
        bodies.put(msgId, receiveBody(buyerOpenId, conversationId, text, System.currentTimeMillis()));
        return msgId;
    }

    /** The same event with the same Msg-Id again (delivery is not unique). */
    public void redeliver(String msgId) {
        deliver(msgId, 1).join();
    }

    private CompletableFuture<Void> deliver(String msgId, int attempt) {
        String body = bodies.get(msgId);
        long t0 = System.nanoTime();
        return post(body, msgId, sign(CLIENT_SECRET, body)).handle((r, e) -> {
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            Delivery d = new Delivery(msgId, attempt, r == null ? -1 : r.statusCode(), r == null ? String.valueOf(e) : r.body(), ms);
            deliveries.add(d);
            return d;
        }).thenCompose(d -> d.acked() && d.millis() <= DEADLINE.toMillis() || attempt >= RETRIES
                ? CompletableFuture.completedFuture(null) : deliver(msgId, attempt + 1));
    }

    private CompletableFuture<HttpResponse<String>> post(String body, String msgId, String signature) {
        HttpRequest.Builder b = HttpRequest.newBuilder(webhook).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (msgId != null) {
            b.header("Msg-Id", msgId);
        }
        if (signature != null) {
            b.header("X-Douyin-Signature", signature);
        }
        return http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** One signed (or not) POST, no retries; returns status and body. */
    public HttpResponse<String> postOnce(String body, String msgId, String signingSecret) {
        return post(body, msgId, signingSecret == null ? null : sign(signingSecret, body)).join();
    }

    public static String sign(String secret, String body) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-1");
            d.update(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d.digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- faults

    public void rateLimitNextSends(int n) {
        sendsToRefuse.set(n);
    }

    public void dropConnections() {
        server.dropConnections();
    }

    public void kill() {
        server.kill();
    }

    public void restart() {
        server.start();
    }

    public void expireTokens() {
        tokens.clear();
    }

    // ---------------------------------------------------------------- what kefu did

    public List<Sent> sent() {
        return List.copyOf(sent);
    }

    public List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    public int rateLimited() {
        return rateLimited.get();
    }

    // ---------------------------------------------------------------- API server

    private void route(ChannelHandlerContext ctx, FullHttpRequest req) {
        QueryStringDecoder q = new QueryStringDecoder(req.uri());
        JsonNode b;
        try {
            b = JSON.readTree(ByteBufUtil.getBytes(req.content()));
        } catch (Exception e) {
            b = JSON.createObjectNode();
        }
        switch (q.path()) {
            case "/oauth/client_token/" -> {
                if (!CLIENT_KEY.equals(b.path("client_key").asText()) || !CLIENT_SECRET.equals(b.path("client_secret").asText())
                        || !"client_credential".equals(b.path("grant_type").asText())) {
                    LoopbackServer.json(ctx, req, "{\"data\":{\"error_code\":10003,\"description\":\"invalid client\"},\"message\":\"error\"}");
                    return;
                }
                String t = "clt.sim" + UUID.randomUUID().toString().replace("-", "");
                tokens.add(t);
                LoopbackServer.json(ctx, req, "{\"data\":{\"access_token\":\"" + t
                        + "\",\"description\":\"\",\"error_code\":0,\"expires_in\":7200},\"message\":\"success\"}");
            }
            case "/im/send/msg/" -> send(ctx, req, q, b);
            default -> LoopbackServer.respond(ctx, req, 404, "application/json", "{\"data\":{\"error_code\":404,\"description\":\"not found\"}}");
        }
    }

    private void send(ChannelHandlerContext ctx, FullHttpRequest req, QueryStringDecoder q, JsonNode b) {
        if (!tokens.contains(req.headers().get("access-token", ""))) {
            LoopbackServer.json(ctx, req, "{\"data\":{\"error_code\":2190008,\"description\":\"access_token expired\"}}");
            return;
        }
        if (sendsToRefuse.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            rateLimited.incrementAndGet();
            LoopbackServer.respond(ctx, req, 429, "application/json", "{\"data\":{\"error_code\":2100004,\"description\":\"rate limited\"}}",
                    Map.of("Retry-After", "1"));
            return;
        }
        String account = q.parameters().getOrDefault("open_id", List.of("")).get(0);
        String to = b.path("to_user_id").asText("");
        String conv = b.path("conversation_id").asText("");
        String text = b.path("content").path("text").path("text").asText("");
        if (!ACCOUNT_OPEN_ID.equals(account) || to.isEmpty() || conv.isEmpty() || text.isEmpty()
                || b.path("content").path("msg_type").asInt() != 1) {
            LoopbackServer.respond(ctx, req, 400, "application/json", "{\"data\":{\"error_code\":2100005,\"description\":\"invalid params\"}}");
            return;
        }
        String id = "sim-msg-" + UUID.randomUUID();
        sent.add(new Sent(to, conv, b.path("msg_id").asText(""), text));
        LoopbackServer.json(ctx, req, "{\"data\":{\"error_code\":0,\"description\":\"\",\"msg_id\":\"" + id + "\"}}");
    }

    @Override
    public void close() {
        server.close();
    }
}

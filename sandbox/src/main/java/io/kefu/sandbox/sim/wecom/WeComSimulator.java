package io.kefu.sandbox.sim.wecom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kefu.sandbox.sim.LoopbackServer;
import io.kefu.sandbox.sim.PlatformSimulator;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * WeCom's side of one corp, on loopback, per PLATFORMS.md §1 and "Outbound APIs":
 * <ul>
 *   <li>server API: {@code gettoken} (7200 s tokens; expirable on demand → 42001),
 *       {@code message/send}, {@code kf/send_msg} (48 h / 5-message window enforced),
 *       {@code kf/sync_msg} (opaque cursor, pages with {@code has_more}, our own sends listed with origin 5);</li>
 *   <li>callbacks to kefu: signed and AES-encrypted, XML or JSON envelope; a self-built app's text
 *       message, or 微信客服's {@code kf_msg_or_event}; retried up to 3 times when the answer is not
 *       "success"/empty within 5 s, as WeCom does.</li>
 * </ul>
 * Faults: 45009 (frequency limit) on demand, expired tokens, duplicate callbacks, killed/restarted
 * server, dropped connections. Every send kefu made is recorded.
 */
public final class WeComSimulator implements PlatformSimulator {
    public static final String CORP_ID = "wwsimcorp00000001";
    public static final String SECRET = "sim-corp-secret";
    public static final String TOKEN = "QDG6eK";
    public static final String AES_KEY = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";
    public static final String AGENT_ID = "1000002";
    public static final Duration DEADLINE = Duration.ofSeconds(5);
    static final int PAGE_SIZE = 100;
    static final long WINDOW_MS = 48L * 3600 * 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    public record Sent(String api, String touser, String openKfId, String msgid, String content) {}

    /** One callback POST and kefu's answer, timed here. */
    public record Callback(String key, int attempt, int status, String body, long millis) {
        public boolean acked() {
            return status == 200 && (body.isEmpty() || body.equals("success"));
        }
    }

    private final LoopbackServer server;
    private final WeComSimCrypto crypto = new WeComSimCrypto(AES_KEY, CORP_ID);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Map<String, Long> tokens = new ConcurrentHashMap<>();
    private final Map<String, List<ObjectNode>> kfLog = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> kfById = new ConcurrentHashMap<>();
    private final Map<String, long[]> windows = new ConcurrentHashMap<>();
    private final Map<String, String> appCallbacks = new ConcurrentHashMap<>();
    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final List<Callback> callbacks = new CopyOnWriteArrayList<>();
    private final AtomicInteger sendsToRefuse = new AtomicInteger();
    private final AtomicInteger rateLimited = new AtomicInteger();
    private final AtomicInteger windowRefusals = new AtomicInteger();
    private final AtomicInteger tokensIssued = new AtomicInteger();
    private final AtomicInteger syncCalls = new AtomicInteger();
    private final AtomicLong ids = new AtomicLong(4561255354251345929L);
    private volatile URI callbackUrl;
    private volatile boolean jsonEnvelope;

    public WeComSimulator() {
        this.server = new LoopbackServer("wecom", this::route);
    }

    public WeComSimulator start() {
        server.start();
        return this;
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    public void callbackUrl(URI url) {
        this.callbackUrl = url;
    }

    /** Post callbacks with the JSON envelope instead of XML. */
    public void jsonEnvelope(boolean on) {
        jsonEnvelope = on;
    }

    // ------------------------------------------------------------ buyer side

    /** A member writes to the self-built app; returns MsgId. The callback is delivered (with retries) before this returns. */
    public String appUserSays(String user, String text) {
        String msgId = newAppMessage(user, text);
        deliver(msgId, appCallbacks.get(msgId));
        return msgId;
    }

    public CompletableFuture<Void> appUserSaysAsync(String user, String text, Collection<String> ids) {
        String msgId = newAppMessage(user, text);
        ids.add(msgId);
        return deliverAsync(msgId, appCallbacks.get(msgId), 0);
    }

    private String newAppMessage(String user, String text) {
        String msgId = Long.toString(ids.incrementAndGet());
        appCallbacks.put(msgId, "<xml><ToUserName><![CDATA[" + CORP_ID + "]]></ToUserName><FromUserName><![CDATA[" + user
                + "]]></FromUserName><CreateTime>" + now() + "</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA["
                + text + "]]></Content><MsgId>" + msgId + "</MsgId><AgentID>" + AGENT_ID + "</AgentID></xml>");
        return msgId;
    }

    public void redeliverApp(String msgId) {
        deliver(msgId, appCallbacks.get(msgId));
    }

    /** A WeChat customer writes to 微信客服 account {@code openKfId}; returns msgid. */
    public String kfCustomerSays(String openKfId, String externalUser, String text) {
        String msgid = addKfMessage(openKfId, externalUser, text);
        deliver(msgid, kfEvent(openKfId));
        return msgid;
    }

    public CompletableFuture<Void> kfCustomerSaysAsync(String openKfId, String externalUser, String text, Collection<String> ids) {
        String msgid = addKfMessage(openKfId, externalUser, text);
        ids.add(msgid);
        return deliverAsync(msgid, kfEvent(openKfId), 0);
    }

    /** The platform lists the same message again (and notifies again), as after a lost cursor. */
    public void redeliverKf(String msgid) {
        ObjectNode m = kfById.get(msgid);
        kfLog.get(m.get("open_kfid").asText()).add(m);
        deliver(msgid + "-again", kfEvent(m.get("open_kfid").asText()));
    }

    private String addKfMessage(String openKfId, String externalUser, String text) {
        String msgid = "msg" + UUID.randomUUID().toString().replace("-", "");
        ObjectNode m = kfMessage(msgid, openKfId, externalUser, 3, text);
        kfById.put(msgid, m);
        kfLog.computeIfAbsent(openKfId, k -> new CopyOnWriteArrayList<>()).add(m);
        windows.put(openKfId + "|" + externalUser, new long[] {System.currentTimeMillis(), 0});
        return msgid;
    }

    /** A 微信客服 message as sync_msg lists it; origin 3 is the customer, 5 a servicer (kefu's reply). */
    private static ObjectNode kfMessage(String msgid, String openKfId, String externalUser, int origin, String text) {
        ObjectNode m = JSON.createObjectNode();
        m.put("msgid", msgid);
        m.put("open_kfid", openKfId);
        m.put("external_userid", externalUser);
        m.put("send_time", now());
        m.put("origin", origin);
        m.put("msgtype", "text");
        m.putObject("text").put("content", text);
        return m;
    }

    private String kfEvent(String openKfId) {
        return "<xml><ToUserName><![CDATA[" + CORP_ID + "]]></ToUserName><CreateTime>" + now()
                + "</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[kf_msg_or_event]]></Event><Token><![CDATA[ENC"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 20) + "]]></Token><OpenKfId><![CDATA[" + openKfId
                + "]]></OpenKfId></xml>";
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    // ------------------------------------------------------------ callbacks

    private void deliver(String key, String innerXml) {
        deliverAsync(key, innerXml, 0).join();
    }

    /** WeCom's delivery: up to 3 retries while the answer is missing, slow or not "success". */
    private CompletableFuture<Void> deliverAsync(String key, String innerXml, int attempt) {
        String encrypt = crypto.encrypt(innerXml);
        String ts = Long.toString(now());
        String nonce = Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L));
        String sig = WeComSimCrypto.sign(TOKEN, ts, nonce, encrypt);
        long t0 = System.nanoTime();
        return postAsync(ts, nonce, sig, envelope(encrypt)).handle((r, e) -> {
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            Callback c = e != null ? new Callback(key, attempt, -1, String.valueOf(e), ms)
                    : new Callback(key, attempt, r.statusCode(), r.body(), ms);
            callbacks.add(c);
            return c;
        }).thenCompose(c -> c.acked() && c.millis() <= DEADLINE.toMillis() || attempt >= 3
                ? CompletableFuture.completedFuture(null) : deliverAsync(key, innerXml, attempt + 1));
    }

    private String envelope(String encrypt) {
        return jsonEnvelope
                ? "{\"ToUserName\":\"" + CORP_ID + "\",\"Encrypt\":\"" + encrypt + "\",\"AgentID\":\"" + AGENT_ID + "\"}"
                : "<xml><ToUserName><![CDATA[" + CORP_ID + "]]></ToUserName><Encrypt><![CDATA[" + encrypt
                  + "]]></Encrypt><AgentID><![CDATA[" + AGENT_ID + "]]></AgentID></xml>";
    }

    private CompletableFuture<HttpResponse<String>> postAsync(String ts, String nonce, String sig, String body) {
        URI uri = URI.create(callbackUrl + "?msg_signature=" + sig + "&timestamp=" + ts + "&nonce=" + nonce);
        return http.sendAsync(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** One raw callback: the app message for {@code user} with chosen timestamp and signing token; returns kefu's status. */
    public int postAppCallback(String user, String text, long timestampSeconds, String signingToken) {
        String xml = "<xml><ToUserName><![CDATA[" + CORP_ID + "]]></ToUserName><FromUserName><![CDATA[" + user
                + "]]></FromUserName><CreateTime>" + timestampSeconds + "</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA["
                + text + "]]></Content><MsgId>" + ids.incrementAndGet() + "</MsgId><AgentID>" + AGENT_ID + "</AgentID></xml>";
        String encrypt = crypto.encrypt(xml);
        String ts = Long.toString(timestampSeconds);
        return postAsync(ts, "1372623149", WeComSimCrypto.sign(signingToken, ts, "1372623149", encrypt), envelope(encrypt))
                .join().statusCode();
    }

    /** A callback with a body that is not a WeCom envelope but a valid signature over an arbitrary Encrypt. */
    public int postRaw(String body, String encryptForSignature) {
        String ts = Long.toString(now());
        return postAsync(ts, "42", WeComSimCrypto.sign(TOKEN, ts, "42", encryptForSignature), body).join().statusCode();
    }

    /** GET URL verification as the admin console does it; returns kefu's body (the echoed plaintext) or the status. */
    public String verifyUrl(String plaintext) {
        String echostr = crypto.encrypt(plaintext);
        String ts = Long.toString(now());
        String sig = WeComSimCrypto.sign(TOKEN, ts, "263014780", echostr);
        URI uri = URI.create(callbackUrl + "?msg_signature=" + sig + "&timestamp=" + ts + "&nonce=263014780&echostr="
                + URLEncoder.encode(echostr, StandardCharsets.UTF_8));
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body() : "status " + r.statusCode();
        } catch (Exception e) {
            return e.toString();
        }
    }

    // ------------------------------------------------------------ faults

    /** The next {@code n} sends are answered {@code errcode 45009 api freq out of limit}. */
    public void rateLimitNextSends(int n) {
        sendsToRefuse.set(n);
    }

    /** Every issued access_token expires now (42001 until kefu fetches a new one). */
    public void expireTokens() {
        tokens.replaceAll((k, v) -> 0L);
    }

    public void kill() {
        server.kill();
    }

    public void restart() {
        server.start();
    }

    public void dropConnections() {
        server.dropConnections();
    }

    // ------------------------------------------------------------ records

    public List<Sent> sent() {
        return List.copyOf(sent);
    }

    public List<Callback> callbacks() {
        return List.copyOf(callbacks);
    }

    public int rateLimited() {
        return rateLimited.get();
    }

    public int windowRefusals() {
        return windowRefusals.get();
    }

    public int tokensIssued() {
        return tokensIssued.get();
    }

    public int syncCalls() {
        return syncCalls.get();
    }

    // ------------------------------------------------------------ server API

    private void route(ChannelHandlerContext ctx, FullHttpRequest req) {
        QueryStringDecoder q = new QueryStringDecoder(req.uri());
        if (q.path().equals("/cgi-bin/gettoken")) {
            gettoken(ctx, req, q);
            return;
        }
        String token = first(q, "access_token");
        Long exp = token == null ? null : tokens.get(token);
        if (exp == null) {
            LoopbackServer.json(ctx, req, "{\"errcode\":40014,\"errmsg\":\"invalid access_token\"}");
            return;
        }
        if (exp < System.currentTimeMillis()) {
            LoopbackServer.json(ctx, req, "{\"errcode\":42001,\"errmsg\":\"access_token expired\"}");
            return;
        }
        JsonNode body;
        try {
            body = JSON.readTree(ByteBufUtil.getBytes(req.content()));
        } catch (Exception e) {
            LoopbackServer.json(ctx, req, "{\"errcode\":47001,\"errmsg\":\"data format error\"}");
            return;
        }
        switch (q.path()) {
            case "/cgi-bin/message/send" -> send(ctx, req, body, false);
            case "/cgi-bin/kf/send_msg" -> send(ctx, req, body, true);
            case "/cgi-bin/kf/sync_msg" -> sync(ctx, req, body);
            default -> LoopbackServer.respond(ctx, req, 404, "application/json", "{\"errcode\":-1,\"errmsg\":\"no such api\"}");
        }
    }

    private void gettoken(ChannelHandlerContext ctx, FullHttpRequest req, QueryStringDecoder q) {
        if (!CORP_ID.equals(first(q, "corpid"))) {
            LoopbackServer.json(ctx, req, "{\"errcode\":40013,\"errmsg\":\"invalid corpid\"}");
        } else if (!SECRET.equals(first(q, "corpsecret"))) {
            LoopbackServer.json(ctx, req, "{\"errcode\":40001,\"errmsg\":\"invalid credential\"}");
        } else {
            String t = "tok" + tokensIssued.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8);
            tokens.put(t, System.currentTimeMillis() + 7_200_000);
            LoopbackServer.json(ctx, req, "{\"errcode\":0,\"errmsg\":\"ok\",\"access_token\":\"" + t + "\",\"expires_in\":7200}");
        }
    }

    private void send(ChannelHandlerContext ctx, FullHttpRequest req, JsonNode body, boolean kf) {
        if (sendsToRefuse.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            rateLimited.incrementAndGet();
            LoopbackServer.json(ctx, req, "{\"errcode\":45009,\"errmsg\":\"api freq out of limit\"}");
            return;
        }
        String touser = body.path("touser").asText("");
        String content = body.path("text").path("content").asText("");
        if (touser.isEmpty() || !"text".equals(body.path("msgtype").asText()) || content.isEmpty()) {
            LoopbackServer.json(ctx, req, "{\"errcode\":40003,\"errmsg\":\"invalid touser or content\"}");
            return;
        }
        if (content.getBytes(StandardCharsets.UTF_8).length > 2048) {
            LoopbackServer.json(ctx, req, "{\"errcode\":44004,\"errmsg\":\"content exceeds 2048 bytes\"}");
            return;
        }
        String msgid = "sent" + ids.incrementAndGet();
        if (kf) {
            String kfId = body.path("open_kfid").asText("");
            long[] w = windows.get(kfId + "|" + touser);
            // Not documented which errcode the platform uses here; 45015 is WeChat's "out of response time limit".
            if (w == null || System.currentTimeMillis() - w[0] > WINDOW_MS || w[1] >= 5) {
                windowRefusals.incrementAndGet();
                LoopbackServer.json(ctx, req, "{\"errcode\":45015,\"errmsg\":\"response out of time limit or count limit\"}");
                return;
            }
            w[1]++;
            if (body.hasNonNull("msgid")) {
                msgid = body.get("msgid").asText();
            }
            sent.add(new Sent("kf/send_msg", touser, kfId, msgid, content));
            kfLog.computeIfAbsent(kfId, k -> new CopyOnWriteArrayList<>()).add(kfMessage(msgid, kfId, touser, 5, content));
        } else {
            if (!AGENT_ID.equals(body.path("agentid").asText())) {
                LoopbackServer.json(ctx, req, "{\"errcode\":40056,\"errmsg\":\"invalid agentid\"}");
                return;
            }
            sent.add(new Sent("message/send", touser, null, msgid, content));
        }
        LoopbackServer.json(ctx, req, "{\"errcode\":0,\"errmsg\":\"ok\",\"msgid\":\"" + msgid + "\"}");
    }

    private void sync(ChannelHandlerContext ctx, FullHttpRequest req, JsonNode body) {
        syncCalls.incrementAndGet();
        String kfId = body.path("open_kfid").asText("");
        int limit = Math.min(body.path("limit").asInt(1000), 1000);
        String cursor = body.path("cursor").asText("");
        int from = 0;
        if (!cursor.isEmpty()) {
            if (!cursor.startsWith("c")) {
                LoopbackServer.json(ctx, req, "{\"errcode\":95007,\"errmsg\":\"invalid cursor\"}");
                return;
            }
            from = Integer.parseInt(cursor.substring(1));
        }
        List<ObjectNode> log = kfLog.getOrDefault(kfId, List.of());
        int to = Math.min(log.size(), from + Math.min(limit, PAGE_SIZE));
        ObjectNode r = JSON.createObjectNode();
        r.put("errcode", 0);
        r.put("errmsg", "ok");
        r.put("next_cursor", "c" + to);
        r.put("has_more", to < log.size() ? 1 : 0);
        ArrayNode list = r.putArray("msg_list");
        for (int i = from; i < to; i++) {
            list.add(log.get(i));
        }
        LoopbackServer.json(ctx, req, r.toString());
    }

    private static String first(QueryStringDecoder q, String name) {
        List<String> v = q.parameters().get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    @Override
    public void close() {
        server.close();
    }

    /** Callbacks of the given keys, first attempts only. */
    public List<Callback> firstAttempts(Collection<String> keys) {
        List<Callback> out = new ArrayList<>();
        for (Callback c : callbacks) {
            if (c.attempt() == 0 && keys.contains(c.key())) {
                out.add(c);
            }
        }
        return out;
    }
}

package io.kefu.gateway.connector.wecom;

import com.fasterxml.jackson.databind.JsonNode;
import io.kefu.gateway.connector.AccessToken;
import io.kefu.gateway.connector.JsonHttpClient;
import io.kefu.gateway.connector.SendOutcome;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The WeCom server API kefu calls (Outbound APIs table): {@code message/send} for a self-built
 * app, {@code kf/send_msg} and {@code kf/sync_msg} for 微信客服. Every call carries the cached
 * access_token and is retried once with a fresh token on 40014/42001.
 */
final class WeComApi {
    /** Text content limit of both send APIs, in UTF-8 bytes. */
    static final int MAX_TEXT_BYTES = 2048;
    /** "api freq out of limit" and friends: slow down, then retry. WeCom sends no Retry-After. */
    static final Set<Integer> RATE_LIMITED = Set.of(45009, 45011, 45033);
    /** System busy: retry with backoff. */
    static final Set<Integer> BUSY = Set.of(-1);
    static final Duration RATE_LIMIT_WAIT = Duration.ofSeconds(2);

    private final JsonHttpClient http;
    private final WeComSettings settings;
    private final AccessToken token;

    WeComApi(JsonHttpClient http, WeComSettings settings, AccessToken token) {
        this.http = http;
        this.settings = settings;
        this.token = token;
    }

    AccessToken token() {
        return token;
    }

    CompletableFuture<JsonHttpClient.JsonResponse> post(String path, Object body) {
        return post(path, body, true);
    }

    private CompletableFuture<JsonHttpClient.JsonResponse> post(String path, Object body, boolean mayRefresh) {
        return token.get().thenCompose(t -> {
            URI uri = URI.create(settings.baseUrl() + path + "?access_token=" + URLEncoder.encode(t, StandardCharsets.UTF_8));
            return http.postJson(uri, Map.of(), body).thenCompose(r -> {
                int err = r.json().path("errcode").asInt(0);
                if (mayRefresh && WeComAccessToken.STALE_TOKEN.contains(err)) {
                    token.invalidate(t);
                    return post(path, body, false);
                }
                return CompletableFuture.completedFuture(r);
            });
        });
    }

    CompletableFuture<SendOutcome> sendAppText(String user, String agentId, String text) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("touser", user);
        body.put("msgtype", "text");
        body.put("agentid", Long.parseLong(agentId));
        body.put("text", Map.of("content", truncate(text)));
        return post("/cgi-bin/message/send", body).thenApply(WeComApi::outcome);
    }

    /** {@code msgid} is our reply id made WeCom-shaped, so the platform can recognise a repeat. */
    CompletableFuture<SendOutcome> sendKfText(String externalUser, String openKfId, String msgid, String text) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("touser", externalUser);
        body.put("open_kfid", openKfId);
        body.put("msgid", msgid);
        body.put("msgtype", "text");
        body.put("text", Map.of("content", truncate(text)));
        return post("/cgi-bin/kf/send_msg", body).thenApply(WeComApi::outcome);
    }

    /** One page of 微信客服 messages after {@code cursor}; fails on any errcode. */
    CompletableFuture<JsonNode> syncMsg(String cursor, String callbackToken, String openKfId, int limit) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (cursor != null) {
            body.put("cursor", cursor);
        }
        if (callbackToken != null) {
            body.put("token", callbackToken);
        }
        body.put("limit", limit);
        body.put("open_kfid", openKfId);
        return post("/cgi-bin/kf/sync_msg", body).thenApply(r -> {
            int err = r.json().path("errcode").asInt(r.ok() ? 0 : -1);
            if (!r.ok() || err != 0) {
                throw new IllegalStateException("kf/sync_msg failed: errcode " + err + " " + r.json().path("errmsg").asText("http " + r.status()));
            }
            return r.json();
        });
    }

    static SendOutcome outcome(JsonHttpClient.JsonResponse r) {
        if (r.status() == 429) {
            return new SendOutcome.RateLimited(JsonHttpClient.retryAfter(r.retryAfter(), RATE_LIMIT_WAIT), "http 429");
        }
        if (r.status() >= 500 || !r.ok()) {
            return new SendOutcome.Transient("http " + r.status());
        }
        if (r.json().isMissingNode()) {
            return new SendOutcome.Transient("answer is not JSON");
        }
        int err = r.json().path("errcode").asInt(0);
        String msg = "errcode " + err + " " + r.json().path("errmsg").asText("");
        if (err == 0) {
            return new SendOutcome.Accepted(r.json().path("msgid").asText(""));
        }
        if (RATE_LIMITED.contains(err)) {
            return new SendOutcome.RateLimited(RATE_LIMIT_WAIT, msg);
        }
        if (BUSY.contains(err) || WeComAccessToken.STALE_TOKEN.contains(err)) {
            return new SendOutcome.Transient(msg);
        }
        return new SendOutcome.Permanent(msg);
    }

    /** Cuts at a character boundary so the UTF-8 form fits the platform's limit. */
    static String truncate(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        if (b.length <= MAX_TEXT_BYTES) {
            return text;
        }
        int end = text.length();
        while (text.substring(0, end).getBytes(StandardCharsets.UTF_8).length > MAX_TEXT_BYTES - 3) {
            end--;
        }
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }
}

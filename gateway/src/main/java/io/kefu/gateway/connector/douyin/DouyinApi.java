package io.kefu.gateway.connector.douyin;

import com.fasterxml.jackson.databind.JsonNode;
import io.kefu.gateway.connector.AccessToken;
import io.kefu.gateway.connector.JsonHttpClient;
import io.kefu.gateway.connector.SendOutcome;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Douyin's reply API — <b>the one place its shape is chosen</b>. PLATFORMS.md does not verify the
 * IM send API, so kefu uses this shape (the simulator serves exactly this; change it here and in
 * {@code DouyinSimulator} together if the real platform differs):
 * <pre>
 * POST {base_url}{send_path}?open_id={the store account's open_id}      (send_path default {@value #DEFAULT_SEND_PATH})
 * access-token: {client_token}
 * {"to_user_id": buyer open_id, "conversation_id": conversation_short_id,
 *  "msg_id": stable per reply (a resend carries the same one),
 *  "content": {"msg_type": 1, "text": {"text": "…"}}}
 * → {"data": {"error_code": 0, "description": "", "msg_id": "…"}}
 * </pre>
 * HTTP 429 (Retry-After if given, else 1 s) is a rate limit; error_code 2190002/2190008 (token
 * invalid/expired) refreshes the token and retries; 5xx retries; other refusals are permanent.
 */
final class DouyinApi {
    static final String DEFAULT_SEND_PATH = "/im/send/msg/";
    static final Set<Integer> STALE_TOKEN = Set.of(2190002, 2190008);
    static final Set<Integer> RATE_LIMITED = Set.of(2100004);

    private final JsonHttpClient http;
    private final DouyinSettings settings;
    private final AccessToken token;

    DouyinApi(JsonHttpClient http, DouyinSettings settings, AccessToken token) {
        this.http = http;
        this.settings = settings;
        this.token = token;
    }

    AccessToken token() {
        return token;
    }

    CompletableFuture<SendOutcome> sendText(DouyinConversations.Target to, String text, String msgId) {
        return token.get().thenCompose(t -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("to_user_id", to.buyerOpenId());
            body.put("conversation_id", to.conversationId());
            body.put("msg_id", msgId);
            body.put("content", Map.of("msg_type", 1, "text", Map.of("text", text)));
            String path = settings.sendPath() + "?open_id=" + URLEncoder.encode(to.accountOpenId(), StandardCharsets.UTF_8);
            return http.postJson(settings.api(path), Map.of("access-token", t), body).thenApply(r -> outcome(r, t));
        }).exceptionally(e -> {
            Throwable c = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            if (c instanceof AccessToken.Refused te && te.badCredentials()) {
                return new SendOutcome.Permanent(te.getMessage());
            }
            return new SendOutcome.Transient(String.valueOf(c.getMessage()));
        });
    }

    private SendOutcome outcome(JsonHttpClient.JsonResponse r, String usedToken) {
        JsonNode data = r.json().path("data");
        int code = data.path("error_code").asInt(r.json().path("err_no").asInt(r.ok() ? 0 : -1));
        if (r.status() == 429 || RATE_LIMITED.contains(code)) {
            return new SendOutcome.RateLimited(JsonHttpClient.retryAfter(r.retryAfter(), Duration.ofSeconds(1)), "error_code " + code);
        }
        if (STALE_TOKEN.contains(code)) {
            token.invalidate(usedToken);
            return new SendOutcome.Transient("client_token rejected (error_code " + code + "); refreshed");
        }
        if (r.status() >= 500 || r.status() == 408) {
            return new SendOutcome.Transient("http " + r.status());
        }
        if (r.ok() && code == 0) {
            return new SendOutcome.Accepted(data.path("msg_id").asText(""));
        }
        String why = "error_code " + code + " " + data.path("description").asText("http " + r.status());
        return new SendOutcome.Permanent(why);
    }
}

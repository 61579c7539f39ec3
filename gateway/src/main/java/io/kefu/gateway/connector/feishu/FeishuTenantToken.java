package io.kefu.gateway.connector.feishu;

import io.kefu.gateway.connector.JsonHttpClient;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The app's tenant_access_token ({@code POST /open-apis/auth/v3/tenant_access_token/internal}):
 * cached until 5 minutes before {@code expire}, fetched once for all concurrent callers, and
 * dropped when a send answers "invalid token" so the next send fetches a fresh one.
 */
final class FeishuTenantToken {
    static final String PATH = "/open-apis/auth/v3/tenant_access_token/internal";
    /** Answers meaning the app id or secret is wrong (10003 invalid param, 10014 app secret invalid). */
    static final Set<Integer> BAD_CREDENTIALS = Set.of(10003, 10014);
    static final long MARGIN_MS = 5 * 60_000;

    private final JsonHttpClient http;
    private final FeishuSettings settings;
    private final Clock clock;
    private String token;
    private long expiresAtMs;
    private CompletableFuture<String> fetching;

    FeishuTenantToken(JsonHttpClient http, FeishuSettings settings, Clock clock) {
        this.http = http;
        this.settings = settings;
        this.clock = clock;
    }

    static final class TokenException extends RuntimeException {
        final int code;

        TokenException(int code, String message) {
            super(message);
            this.code = code;
        }

        boolean badCredentials() {
            return BAD_CREDENTIALS.contains(code);
        }
    }

    synchronized CompletableFuture<String> get() {
        if (token != null && clock.millis() < expiresAtMs) {
            return CompletableFuture.completedFuture(token);
        }
        if (fetching == null) {
            Map<String, String> body = new LinkedHashMap<>();
            body.put("app_id", settings.appId());
            body.put("app_secret", settings.appSecret());
            CompletableFuture<String> f = http.postJson(settings.api(PATH), Map.of(), body).thenApply(r -> {
                int code = r.json().path("code").asInt(r.ok() ? 0 : -1);
                String t = r.json().path("tenant_access_token").asText("");
                if (!r.ok() || code != 0 || t.isEmpty()) {
                    throw new TokenException(code, "tenant_access_token failed: code " + code + " "
                            + r.json().path("msg").asText("http " + r.status()));
                }
                long ttl = r.json().path("expire").asLong(7200) * 1000;
                synchronized (this) {
                    token = t;
                    expiresAtMs = clock.millis() + Math.max(ttl - MARGIN_MS, ttl / 2);
                }
                return t;
            });
            fetching = f;
            f.whenComplete((t, e) -> {
                synchronized (this) {
                    fetching = null;
                }
            });
        }
        return fetching;
    }

    synchronized void invalidate(String stale) {
        if (stale != null && stale.equals(token)) {
            token = null;
        }
    }
}

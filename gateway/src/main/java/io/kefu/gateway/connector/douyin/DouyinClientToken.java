package io.kefu.gateway.connector.douyin;

import io.kefu.gateway.connector.JsonHttpClient;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The app's client_token ({@code POST /oauth/client_token/}, grant_type client_credential):
 * cached until 5 minutes before {@code expires_in}, fetched once for all concurrent callers, and
 * dropped when the reply API says it is invalid or expired.
 */
final class DouyinClientToken {
    static final String PATH = "/oauth/client_token/";
    /** error_code values meaning the client_key or client_secret is wrong. */
    static final Set<Integer> BAD_CREDENTIALS = Set.of(10003, 2190004, 2100005);
    static final long MARGIN_MS = 5 * 60_000;

    private final JsonHttpClient http;
    private final DouyinSettings settings;
    private final Clock clock;
    private String token;
    private long expiresAtMs;
    private CompletableFuture<String> fetching;

    DouyinClientToken(JsonHttpClient http, DouyinSettings settings, Clock clock) {
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
            body.put("client_key", settings.clientKey());
            body.put("client_secret", settings.clientSecret());
            body.put("grant_type", "client_credential");
            CompletableFuture<String> f = http.postJson(settings.api(PATH), Map.of(), body).thenApply(r -> {
                var data = r.json().path("data");
                int code = data.path("error_code").asInt(r.ok() ? 0 : -1);
                String t = data.path("access_token").asText("");
                if (!r.ok() || code != 0 || t.isEmpty()) {
                    throw new TokenException(code, "client_token failed: error_code " + code + " "
                            + data.path("description").asText("http " + r.status()));
                }
                long ttl = data.path("expires_in").asLong(7200) * 1000;
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

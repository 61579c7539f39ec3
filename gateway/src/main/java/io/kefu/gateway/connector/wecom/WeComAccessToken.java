package io.kefu.gateway.connector.wecom;

import io.kefu.gateway.connector.JsonHttpClient;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The corp's access_token: fetched with {@code gettoken}, cached until 5 minutes before it expires,
 * fetched once for all concurrent callers (single flight), and dropped when an API answers
 * 40014 (invalid) or 42001 (expired) so the next call fetches a fresh one.
 */
final class WeComAccessToken {
    /** Errors meaning "this token is no good": refresh and retry once. */
    static final Set<Integer> STALE_TOKEN = Set.of(40014, 42001);
    /** gettoken errors meaning the corp id or secret is wrong: do not start. */
    static final Set<Integer> BAD_CREDENTIALS = Set.of(40001, 40013, 40091, 41002, 41004);
    static final long MARGIN_MS = 5 * 60_000;

    private final JsonHttpClient http;
    private final WeComSettings settings;
    private final java.time.Clock clock;
    private String token;
    private long expiresAtMs;
    private CompletableFuture<String> fetching;

    WeComAccessToken(JsonHttpClient http, WeComSettings settings, java.time.Clock clock) {
        this.http = http;
        this.settings = settings;
        this.clock = clock;
    }

    /** gettoken refused the credentials (errcode in {@link #BAD_CREDENTIALS}) or failed otherwise. */
    static final class TokenException extends RuntimeException {
        final int errcode;

        TokenException(int errcode, String message) {
            super(message);
            this.errcode = errcode;
        }

        boolean badCredentials() {
            return BAD_CREDENTIALS.contains(errcode);
        }
    }

    synchronized CompletableFuture<String> get() {
        if (token != null && clock.millis() < expiresAtMs) {
            return CompletableFuture.completedFuture(token);
        }
        if (fetching == null) {
            URI uri = URI.create(settings.baseUrl() + "/cgi-bin/gettoken?corpid=" + enc(settings.corpId()) + "&corpsecret="
                    + enc(settings.secret()));
            CompletableFuture<String> f = http.get(uri, Map.of()).thenApply(r -> {
                int err = r.json().path("errcode").asInt(r.ok() ? 0 : -1);
                String t = r.json().path("access_token").asText("");
                if (!r.ok() || err != 0 || t.isEmpty()) {
                    throw new TokenException(err, "gettoken failed: errcode " + err + " " + r.json().path("errmsg").asText("http " + r.status()));
                }
                long ttl = r.json().path("expires_in").asLong(7200) * 1000;
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

    /** Forgets {@code stale} (if still current) so the next {@link #get} fetches anew. */
    synchronized void invalidate(String stale) {
        if (stale != null && stale.equals(token)) {
            token = null;
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}

package io.kefu.gateway.connector.wecom;

import io.kefu.gateway.connector.AccessToken;
import io.kefu.gateway.connector.JsonHttpClient;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The corp's access_token, fetched with {@code gettoken} and cached and refreshed by
 * {@link AccessToken}; an API answering 40014 (invalid) or 42001 (expired) drops it.
 */
final class WeComAccessToken {
    /** Errors meaning "this token is no good": refresh and retry once. */
    static final Set<Integer> STALE_TOKEN = Set.of(40014, 42001);
    /** gettoken errors meaning the corp id or secret is wrong: do not start. */
    static final Set<Integer> BAD_CREDENTIALS = Set.of(40001, 40013, 40091, 41002, 41004);

    private WeComAccessToken() {}

    static AccessToken create(JsonHttpClient http, WeComSettings settings, Clock clock) {
        return new AccessToken("gettoken", clock, () -> fetch(http, settings));
    }

    private static CompletableFuture<AccessToken.Issued> fetch(JsonHttpClient http, WeComSettings settings) {
        URI uri = URI.create(settings.baseUrl() + "/cgi-bin/gettoken?corpid=" + enc(settings.corpId()) + "&corpsecret="
                + enc(settings.secret()));
        return http.get(uri, Map.of()).thenApply(r -> {
            int err = r.json().path("errcode").asInt(r.ok() ? 0 : -1);
            String t = r.json().path("access_token").asText("");
            if (!r.ok() || err != 0 || t.isEmpty()) {
                throw new AccessToken.Refused("gettoken failed: errcode " + err + " " + r.json().path("errmsg").asText("http " + r.status()),
                        BAD_CREDENTIALS.contains(err));
            }
            return new AccessToken.Issued(t, r.json().path("expires_in").asLong(7200));
        });
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}

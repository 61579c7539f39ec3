package io.kefu.gateway.connector.douyin;

import io.kefu.gateway.connector.AccessToken;
import io.kefu.gateway.connector.JsonHttpClient;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The app's client_token ({@code POST /oauth/client_token/}, grant_type client_credential),
 * cached and refreshed by {@link AccessToken}; the reply API drops it when it says it is invalid
 * or expired.
 */
final class DouyinClientToken {
    static final String PATH = "/oauth/client_token/";
    /** error_code values meaning the client_key or client_secret is wrong. */
    static final Set<Integer> BAD_CREDENTIALS = Set.of(10003, 2190004, 2100005);

    private DouyinClientToken() {}

    static AccessToken create(JsonHttpClient http, DouyinSettings settings, Clock clock) {
        return new AccessToken("client_token", clock, () -> fetch(http, settings));
    }

    private static CompletableFuture<AccessToken.Issued> fetch(JsonHttpClient http, DouyinSettings settings) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("client_key", settings.clientKey());
        body.put("client_secret", settings.clientSecret());
        body.put("grant_type", "client_credential");
        return http.postJson(settings.api(PATH), Map.of(), body).thenApply(r -> {
            var data = r.json().path("data");
            int code = data.path("error_code").asInt(r.ok() ? 0 : -1);
            String t = data.path("access_token").asText("");
            if (!r.ok() || code != 0 || t.isEmpty()) {
                throw new AccessToken.Refused("client_token failed: error_code " + code + " "
                        + data.path("description").asText("http " + r.status()), BAD_CREDENTIALS.contains(code));
            }
            return new AccessToken.Issued(t, data.path("expires_in").asLong(7200));
        });
    }
}

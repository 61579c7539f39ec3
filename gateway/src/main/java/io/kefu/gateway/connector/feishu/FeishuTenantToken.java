package io.kefu.gateway.connector.feishu;

import io.kefu.gateway.connector.AccessToken;
import io.kefu.gateway.connector.JsonHttpClient;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The app's tenant_access_token ({@code POST /open-apis/auth/v3/tenant_access_token/internal}),
 * cached and refreshed by {@link AccessToken}; a send that answers "invalid token" drops it.
 */
final class FeishuTenantToken {
    static final String PATH = "/open-apis/auth/v3/tenant_access_token/internal";
    /** Answers meaning the app id or secret is wrong (10003 invalid param, 10014 app secret invalid). */
    static final Set<Integer> BAD_CREDENTIALS = Set.of(10003, 10014);

    private FeishuTenantToken() {}

    static AccessToken create(JsonHttpClient http, FeishuSettings settings, Clock clock) {
        return new AccessToken("tenant_access_token", clock, () -> fetch(http, settings));
    }

    private static CompletableFuture<AccessToken.Issued> fetch(JsonHttpClient http, FeishuSettings settings) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("app_id", settings.appId());
        body.put("app_secret", settings.appSecret());
        return http.postJson(settings.api(PATH), Map.of(), body).thenApply(r -> {
            int code = r.json().path("code").asInt(r.ok() ? 0 : -1);
            String t = r.json().path("tenant_access_token").asText("");
            if (!r.ok() || code != 0 || t.isEmpty()) {
                throw new AccessToken.Refused("tenant_access_token failed: code " + code + " "
                        + r.json().path("msg").asText("http " + r.status()), BAD_CREDENTIALS.contains(code));
            }
            return new AccessToken.Issued(t, r.json().path("expire").asLong(7200));
        });
    }
}

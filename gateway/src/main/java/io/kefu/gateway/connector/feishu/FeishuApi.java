package io.kefu.gateway.connector.feishu;

import com.fasterxml.jackson.databind.JsonNode;
import io.kefu.gateway.connector.AccessToken;
import io.kefu.gateway.connector.JsonHttpClient;
import io.kefu.gateway.connector.SendOutcome;
import io.kefu.gateway.connector.StableReplyId;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** The two Feishu Open API calls kefu makes: the long-connection endpoint and im/v1/messages. */
final class FeishuApi {
    static final String ENDPOINT_PATH = "/callback/ws/endpoint";
    static final String SEND_PATH = "/open-apis/im/v1/messages?receive_id_type=chat_id";
    /** "The access token is invalid or expired": refresh and try again. */
    static final Set<Integer> STALE_TOKEN = Set.of(99991661, 99991663, 99991668);
    /** The app's or the chat's send frequency is exceeded. */
    static final Set<Integer> RATE_LIMITED = Set.of(99991400, 230020);
    /** Endpoint codes after which asking again is pointless: 403 forbidden, 514 auth failed. */
    static final Set<Integer> FATAL_ENDPOINT = Set.of(403, 514);

    private final JsonHttpClient http;
    private final FeishuSettings settings;
    private final AccessToken token;

    FeishuApi(JsonHttpClient http, FeishuSettings settings, AccessToken token) {
        this.http = http;
        this.settings = settings;
        this.token = token;
    }

    AccessToken token() {
        return token;
    }

    /** Where to open the socket, the service id its pings carry, and the platform's ClientConfig. */
    record Endpoint(URI url, int serviceId, FeishuClientConfig config) {}

    /** The endpoint call was refused ({@code code != 0}) or failed. */
    static final class EndpointException extends RuntimeException {
        final int code;

        EndpointException(int code, String message) {
            super(message);
            this.code = code;
        }

        boolean fatal() {
            return FATAL_ENDPOINT.contains(code);
        }
    }

    /** {@code POST /callback/ws/endpoint} — a fresh connection URL (URLs are not reused across connections). */
    CompletableFuture<Endpoint> endpoint(FeishuClientConfig current) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("AppID", settings.appId());
        body.put("AppSecret", settings.appSecret());
        return http.postJson(settings.api(ENDPOINT_PATH), Map.of("locale", "zh"), body).thenApply(r -> {
            int code = r.json().path("code").asInt(r.ok() ? -1 : r.status());
            if (code != 0) {
                throw new EndpointException(code, "endpoint refused: code " + code + " " + r.json().path("msg").asText("http " + r.status()));
            }
            JsonNode data = r.json().path("data");
            String url = data.path("URL").asText("");
            URI uri;
            try {
                uri = URI.create(url);
                if (uri.getScheme() == null || !uri.getScheme().startsWith("ws")) {
                    throw new IllegalArgumentException();
                }
            } catch (IllegalArgumentException e) {
                throw new EndpointException(-1, "endpoint answered no usable URL: '" + url + "'");
            }
            return new Endpoint(uri, serviceId(uri), current.merge(data.path("ClientConfig")));
        });
    }

    static int serviceId(URI url) {
        String q = url.getRawQuery();
        if (q != null) {
            for (String kv : q.split("&")) {
                if (kv.startsWith("service_id=")) {
                    try {
                        return Integer.parseInt(kv.substring("service_id=".length()));
                    } catch (NumberFormatException e) {
                        return 0;
                    }
                }
            }
        }
        return 0;
    }

    /** One attempt at a text message into a chat; {@code uuid} makes Feishu drop a repeat within an hour. */
    CompletableFuture<SendOutcome> sendText(String chatId, String text, String replyId) {
        return token.get().thenCompose(t -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("receive_id", chatId);
            body.put("msg_type", "text");
            body.put("content", JsonHttpClient.JSON.createObjectNode().put("text", text).toString());
            body.put("uuid", StableReplyId.of(replyId));
            return http.postJson(settings.api(SEND_PATH), Map.of("Authorization", "Bearer " + t), body)
                    .thenApply(r -> outcome(r, t));
        }).exceptionally(e -> {
            Throwable c = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
            if (c instanceof AccessToken.Refused te && te.badCredentials()) {
                return new SendOutcome.Permanent(te.getMessage());
            }
            return new SendOutcome.Transient(String.valueOf(c.getMessage()));
        });
    }

    private SendOutcome outcome(JsonHttpClient.JsonResponse r, String usedToken) {
        int code = r.json().path("code").asInt(r.ok() ? 0 : -1);
        if (r.status() == 429 || RATE_LIMITED.contains(code)) {
            // Feishu's limits are per second; it gives no Retry-After, so one second unless it does.
            return new SendOutcome.RateLimited(JsonHttpClient.retryAfter(r.retryAfter(), Duration.ofSeconds(1)), "code " + code);
        }
        if (STALE_TOKEN.contains(code)) {
            token.invalidate(usedToken);
            return new SendOutcome.Transient("tenant_access_token rejected (code " + code + "); refreshed");
        }
        if (r.status() >= 500 || r.status() == 408) {
            return new SendOutcome.Transient("http " + r.status());
        }
        if (r.ok() && code == 0) {
            return new SendOutcome.Accepted(r.json().path("data").path("message_id").asText(""));
        }
        String why = "code " + code + " " + r.json().path("msg").asText("http " + r.status());
        return r.status() / 100 == 4 ? new SendOutcome.Permanent(why) : new SendOutcome.Transient(why);
    }
}

package io.kefu.gateway.connector.slack;

import com.fasterxml.jackson.databind.JsonNode;
import io.kefu.gateway.connector.JsonHttpClient;
import io.kefu.gateway.connector.SendOutcome;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** The three Slack Web API methods kefu calls. */
final class SlackApi {
    /** Errors that no retry will fix. */
    private static final Set<String> PERMANENT = Set.of("channel_not_found", "not_in_channel", "is_archived", "msg_too_long",
            "no_text", "invalid_auth", "not_authed", "account_inactive", "token_revoked", "restricted_action",
            "invalid_arguments", "missing_scope");
    /** apps.connections.open errors after which reconnecting is pointless. */
    static final Set<String> FATAL_OPEN = Set.of("invalid_auth", "not_authed", "account_inactive", "token_revoked",
            "not_allowed_token_type", "missing_scope");

    private final JsonHttpClient http;
    private final SlackSettings settings;

    SlackApi(JsonHttpClient http, SlackSettings settings) {
        this.http = http;
        this.settings = settings;
    }

    /** Refused by Slack ({@code ok:false}) or answered with an error status. */
    static final class SlackApiException extends RuntimeException {
        final String error;

        SlackApiException(String method, String error) {
            super(method + " failed: " + error);
            this.error = error;
        }

        boolean fatal() {
            return FATAL_OPEN.contains(error);
        }
    }

    /** A fresh single-use WebSocket URL (app-level token). */
    CompletableFuture<URI> openConnection() {
        return http.postJson(settings.api("apps.connections.open"), bearer(settings.appToken()), Map.of())
                .thenApply(r -> {
                    JsonNode j = okOrThrow("apps.connections.open", r);
                    String url = j.path("url").asText("");
                    if (url.isEmpty()) {
                        throw new SlackApiException("apps.connections.open", "no url in the answer");
                    }
                    return URI.create(url);
                });
    }

    /** The bot's own user id, so its posts echoed back as events are ignored. */
    CompletableFuture<String> authTest() {
        return http.postJson(settings.api("auth.test"), bearer(settings.botToken()), Map.of())
                .thenApply(r -> okOrThrow("auth.test", r).path("user_id").asText(""));
    }

    CompletableFuture<SendOutcome> postMessage(String channel, String text) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("channel", channel);
        body.put("text", text);
        return http.postJson(settings.api("chat.postMessage"), bearer(settings.botToken()), body).thenApply(r -> {
            if (r.status() == 429) {
                return new SendOutcome.RateLimited(JsonHttpClient.retryAfter(r.retryAfter(), Duration.ofSeconds(1)), "http 429");
            }
            if (r.status() >= 500) {
                return new SendOutcome.Transient("http " + r.status());
            }
            if (r.ok() && r.json().path("ok").asBoolean(false)) {
                return (SendOutcome) new SendOutcome.Accepted(r.json().path("ts").asText(""));
            }
            String error = r.json().path("error").asText("http " + r.status());
            if (error.equals("ratelimited")) {
                return new SendOutcome.RateLimited(JsonHttpClient.retryAfter(r.retryAfter(), Duration.ofSeconds(1)), error);
            }
            return PERMANENT.contains(error) || r.status() / 100 == 4 && r.status() != 408
                    ? new SendOutcome.Permanent(error) : new SendOutcome.Transient(error);
        });
    }

    private static JsonNode okOrThrow(String method, JsonHttpClient.JsonResponse r) {
        if (r.status() == 429) {
            throw new SlackApiException(method, "ratelimited");
        }
        if (!r.ok()) {
            throw new SlackApiException(method, "http " + r.status());
        }
        if (!r.json().path("ok").asBoolean(false)) {
            throw new SlackApiException(method, r.json().path("error").asText("unknown error"));
        }
        return r.json();
    }

    private static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }
}

package io.kefu.gateway.connector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Asynchronous JSON over HTTP for platform APIs (java.net.http; no thread is parked while a
 * platform answers). Never fails the future for an HTTP status: callers decide what a 429 or a
 * 5xx means on their platform; only transport errors complete exceptionally.
 */
public final class JsonHttpClient {
    public static final ObjectMapper JSON = new ObjectMapper();
    /** Platform API answers larger than this are not read into memory. */
    static final int MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

    private final HttpClient http;
    private final Duration timeout;

    public JsonHttpClient(Executor executor, Duration timeout) {
        this.http = HttpClient.newBuilder().executor(executor).connectTimeout(timeout)
                .version(HttpClient.Version.HTTP_1_1).build();
        this.timeout = timeout;
    }

    public HttpClient http() {
        return http;
    }

    /** A platform's answer: status, the Retry-After header if any, and the body as JSON (missing if not JSON). */
    public record JsonResponse(int status, Optional<String> retryAfter, JsonNode json, String raw) {
        public boolean ok() {
            return status / 100 == 2;
        }
    }

    public CompletableFuture<JsonResponse> get(URI uri, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout).GET();
        headers.forEach(b::header);
        return send(b.build());
    }

    public CompletableFuture<JsonResponse> postJson(URI uri, Map<String, String> headers, Object body) {
        byte[] bytes;
        try {
            bytes = body instanceof byte[] raw ? raw : JSON.writeValueAsBytes(body);
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        headers.forEach(b::header);
        return send(b.build());
    }

    private CompletableFuture<JsonResponse> send(HttpRequest request) {
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).thenApply(r -> {
            byte[] body = r.body() == null ? new byte[0] : r.body();
            String raw = new String(body, 0, Math.min(body.length, MAX_RESPONSE_BYTES), StandardCharsets.UTF_8);
            JsonNode json;
            try {
                json = raw.isBlank() ? MissingNode.getInstance() : JSON.readTree(raw);
            } catch (Exception e) {
                json = MissingNode.getInstance();
            }
            return new JsonResponse(r.statusCode(), r.headers().firstValue("Retry-After"), json == null ? MissingNode.getInstance() : json, raw);
        });
    }

    /** Retry-After in seconds (the only form Slack and our simulators use); default when absent or unreadable. */
    public static Duration retryAfter(Optional<String> header, Duration fallback) {
        try {
            return header.map(String::trim).map(Long::parseLong).map(s -> Duration.ofSeconds(Math.max(0, Math.min(s, 3600))))
                    .orElse(fallback);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}

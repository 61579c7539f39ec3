package io.kefu.handlers.erp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ERP's HTTP JSON API: every request signed (app key, timestamp, HMAC-SHA256), every response's
 * signature checked, one attempt bounded by the timeout, failed attempts retried with backoff
 * (writes carry an idempotency key so a retry never creates a second work order), and a circuit
 * breaker in front. Answers are the {@code data} object of {@code {"code":0,"data":{…}}}.
 */
public final class ErpClient {
    private static final Logger log = LoggerFactory.getLogger(ErpClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ErpSettings settings;
    private final HttpClient http;
    private final Clock clock;
    private final CircuitBreaker breaker;
    private final java.util.function.Supplier<URI> baseUrl;

    public ErpClient(ErpSettings settings, Clock clock) {
        this(settings, clock, settings::baseUrl);
    }

    /** With a base URL found at call time (the demo's simulator may start after the client). */
    public ErpClient(ErpSettings settings, Clock clock, java.util.function.Supplier<URI> baseUrl) {
        this.baseUrl = baseUrl;
        this.settings = settings;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).version(HttpClient.Version.HTTP_1_1).build();
        this.breaker = new CircuitBreaker(settings.breakerFailures(), settings.breakerOpenFor(), clock);
    }

    public ErpSettings settings() {
        return settings;
    }

    public CircuitBreaker breaker() {
        return breaker;
    }

    public CompletableFuture<JsonNode> get(String pathAndQuery) {
        return call("GET", pathAndQuery, "", null);
    }

    /** A write; {@code idempotencyKey} (e.g. derived from the buyer's message id) makes retries and reruns safe. */
    public CompletableFuture<JsonNode> post(String path, JsonNode body, String idempotencyKey) {
        try {
            return call("POST", path, JSON.writeValueAsString(body), idempotencyKey);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private CompletableFuture<JsonNode> call(String method, String pathAndQuery, String body, String idempotencyKey) {
        return attempt(method, pathAndQuery, body, idempotencyKey, 0);
    }

    private CompletableFuture<JsonNode> attempt(String method, String pathAndQuery, String body, String key, int attempt) {
        if (!breaker.allow()) {
            return CompletableFuture.failedFuture(new ErpException(ErpException.Kind.UNAVAILABLE, 0,
                    "ERP circuit breaker is open after repeated failures"));
        }
        HttpRequest request;
        try {
            request = sign(method, pathAndQuery, body, key);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(new ErpException(ErpException.Kind.UNAVAILABLE, 0, e.getMessage()));
        }
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .handle((response, error) -> {
                    if (error != null) {
                        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                        String what = cause instanceof HttpTimeoutException ? "timed out after " + settings.timeout().toMillis() + " ms"
                                : cause.toString();
                        throw new ErpException(ErpException.Kind.UNAVAILABLE, 0, method + " " + pathAndQuery + ": " + what);
                    }
                    return read(method, pathAndQuery, response);
                })
                .handle((data, error) -> {
                    if (error == null) {
                        breaker.success();
                        return CompletableFuture.completedFuture(data);
                    }
                    ErpException e = unwrap(error);
                    if (e.kind() == ErpException.Kind.REFUSED) {
                        breaker.success(); // the ERP is healthy, it just said no
                        return CompletableFuture.<JsonNode>failedFuture(e);
                    }
                    breaker.failure();
                    if (e.kind() == ErpException.Kind.UNAVAILABLE && attempt < settings.retries()) {
                        log.debug("ERP attempt {} failed, retrying: {}", attempt + 1, e.getMessage());
                        Executor later = CompletableFuture.delayedExecutor(100L << attempt, TimeUnit.MILLISECONDS);
                        return CompletableFuture.supplyAsync(() -> null, later)
                                .thenCompose(x -> attempt(method, pathAndQuery, body, key, attempt + 1));
                    }
                    return CompletableFuture.<JsonNode>failedFuture(e);
                })
                .thenCompose(f -> f);
    }

    private HttpRequest sign(String method, String pathAndQuery, String body, String key) {
        long ts = clock.millis();
        String sign = ErpSignature.request(settings.appSecret(), settings.appKey(), ts, method, pathAndQuery, body);
        HttpRequest.Builder b = HttpRequest.newBuilder(resolve(pathAndQuery))
                .timeout(settings.timeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .header(ErpSignature.APP_KEY, settings.appKey())
                .header(ErpSignature.TIMESTAMP, Long.toString(ts))
                .header(ErpSignature.SIGN, sign)
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (key != null) {
            b.header(ErpSignature.IDEMPOTENCY_KEY, key);
        }
        return b.build();
    }

    private URI resolve(String pathAndQuery) {
        String base = baseUrl.get().toString();
        return URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) + pathAndQuery : base + pathAndQuery);
    }

    private JsonNode read(String method, String path, HttpResponse<String> response) {
        int status = response.statusCode();
        String what = method + " " + path;
        if (status >= 500 || status == 429) {
            throw new ErpException(ErpException.Kind.UNAVAILABLE, status, what + ": HTTP " + status);
        }
        String body = response.body();
        String ts = response.headers().firstValue(ErpSignature.TIMESTAMP).orElse("");
        String sign = response.headers().firstValue(ErpSignature.SIGN).orElse(null);
        long timestamp;
        try {
            timestamp = Long.parseLong(ts);
        } catch (NumberFormatException e) {
            throw new ErpException(ErpException.Kind.BAD_RESPONSE, status, what + ": response has no valid " + ErpSignature.TIMESTAMP);
        }
        if (!ErpSignature.matches(ErpSignature.response(settings.appSecret(), timestamp, body), sign)) {
            throw new ErpException(ErpException.Kind.BAD_RESPONSE, status, what + ": response signature does not match");
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new ErpException(ErpException.Kind.BAD_RESPONSE, status, what + ": response is not JSON");
        }
        if (root == null || !root.isObject() || !root.path("code").isInt()) {
            throw new ErpException(ErpException.Kind.BAD_RESPONSE, status, what + ": response lacks an integer \"code\"");
        }
        int code = root.get("code").asInt();
        if (code != 0) {
            throw new ErpException(ErpException.Kind.REFUSED, code, what + ": " + root.path("message").asText("refused"));
        }
        JsonNode data = root.get("data");
        if (data == null || !data.isObject()) {
            throw new ErpException(ErpException.Kind.BAD_RESPONSE, status, what + ": response lacks a \"data\" object");
        }
        return data;
    }

    static ErpException unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof java.util.concurrent.ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c instanceof ErpException e ? e : new ErpException(ErpException.Kind.UNAVAILABLE, 0, c.toString());
    }
}

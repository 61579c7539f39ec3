package io.kefu.gateway.connector;

import io.kefu.gateway.extension.HttpEndpoint;
import io.kefu.gateway.http.HttpResponses;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code /webhooks/{platform}/{channelId}} for every connector that has a webhook. Unknown
 * channels and a platform segment that does not match the channel's platform get 404 before any
 * body is looked at (wrong-channel input changes nothing). The receiver runs on the blocking
 * executor because it persists to Redis before answering.
 */
final class WebhookEndpoint implements HttpEndpoint {
    static final String PREFIX = "/webhooks/";
    private static final Logger log = LoggerFactory.getLogger(WebhookEndpoint.class);

    /** key: "{platform path segment}/{channelId}". */
    private final Map<String, WebhookReceiver> receivers = new HashMap<>();
    private final ExecutorService blocking;
    private final ConnectorMetrics metrics;

    WebhookEndpoint(ExecutorService blocking, ConnectorMetrics metrics) {
        this.blocking = blocking;
        this.metrics = metrics;
    }

    void register(String platformSegment, String channelId, WebhookReceiver receiver) {
        receivers.put(platformSegment + "/" + channelId, receiver);
    }

    boolean isEmpty() {
        return receivers.isEmpty();
    }

    @Override
    public boolean matches(String path) {
        return path.startsWith(PREFIX);
    }

    @Override
    public void handle(ChannelHandlerContext ctx, FullHttpRequest req, QueryStringDecoder query) {
        String key = query.path().substring(PREFIX.length());
        WebhookReceiver receiver = receivers.get(key);
        if (receiver == null) {
            HttpResponses.error(ctx, req, HttpResponseStatus.NOT_FOUND, "no webhook channel at " + query.path());
            return;
        }
        String channelId = key.substring(key.indexOf('/') + 1);
        Map<String, String> headers = new HashMap<>();
        req.headers().forEach(e -> headers.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue()));
        WebhookRequest request = new WebhookRequest(req.method().name(), query.path(), query.parameters(), headers,
                ByteBufUtil.getBytes(req.content()));
        req.retain();
        try {
            blocking.execute(() -> {
                try {
                    answer(ctx, req, channelId, receiver.handle(request));
                } catch (RuntimeException e) {
                    // Nothing was acked: the platform will redeliver.
                    log.error("webhook of {} failed", channelId, e);
                    HttpResponses.error(ctx, req, HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error");
                } finally {
                    req.release();
                }
            });
        } catch (RejectedExecutionException e) {
            req.release();
            HttpResponses.error(ctx, req, HttpResponseStatus.SERVICE_UNAVAILABLE, "shutting down");
        }
    }

    private void answer(ChannelHandlerContext ctx, FullHttpRequest req, String channelId, WebhookResponse r) {
        if (r.error() != null) {
            metrics.dropped(channelId, r.status() == 401 || r.status() == 403 ? "unauthenticated"
                    : r.status() == 413 ? "too_large" : r.status() >= 500 ? "unavailable" : "malformed");
            HttpResponses.error(ctx, req, HttpResponseStatus.valueOf(r.status()), r.error());
            return;
        }
        HttpResponses.send(ctx, req, HttpResponseStatus.valueOf(r.status()), r.contentType(), r.body());
    }
}

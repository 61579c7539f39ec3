package io.kefu.gateway.http;

import io.kefu.gateway.GatewayMetrics;
import io.kefu.gateway.ReadinessProbe;
import io.kefu.gateway.extension.HttpEndpoint;
import java.util.List;
import io.kefu.gateway.openchannel.OpenChannelUpgrade;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;

/** Routes plain HTTP requests: health, readiness, metrics, the open-channel upgrade, and demo pages. */
public final class HttpRouterHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final ReadinessProbe readiness;
    private final GatewayMetrics metrics;
    private final OpenChannelUpgrade openChannel;
    private final DemoPages demo;
    private final List<HttpEndpoint> endpoints;

    /** @param demo null unless running with {@code --demo} */
    public HttpRouterHandler(ReadinessProbe readiness, GatewayMetrics metrics, OpenChannelUpgrade openChannel, DemoPages demo,
                             List<HttpEndpoint> endpoints) {
        this.readiness = readiness;
        this.metrics = metrics;
        this.openChannel = openChannel;
        this.demo = demo;
        this.endpoints = endpoints;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        if (!req.decoderResult().isSuccess()) {
            HttpResponses.error(ctx, null, HttpResponseStatus.BAD_REQUEST, "malformed HTTP request");
            return;
        }
        QueryStringDecoder qs = new QueryStringDecoder(req.uri());
        String path = qs.path();
        if (path.startsWith(OpenChannelUpgrade.PREFIX)) {
            openChannel.upgrade(ctx, req, qs);
            return;
        }
        for (HttpEndpoint e : endpoints) {
            if (e.matches(path)) {
                try {
                    e.handle(ctx, req, qs);
                } catch (Exception ex) {
                    metrics.errors.labels("http_endpoint").inc();
                    org.slf4j.LoggerFactory.getLogger(HttpRouterHandler.class).error("{} failed on {}", e.getClass().getSimpleName(), path, ex);
                    HttpResponses.error(ctx, req, HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error");
                }
                return;
            }
        }
        if (!req.method().equals(HttpMethod.GET) && !req.method().equals(HttpMethod.HEAD)) {
            HttpResponses.error(ctx, req, HttpResponseStatus.METHOD_NOT_ALLOWED, "only GET here");
            return;
        }
        switch (path) {
            case "/healthz" -> HttpResponses.text(ctx, req, HttpResponseStatus.OK, "ok\n");
            case "/readyz" -> readyz(ctx, req);
            case "/metrics" -> HttpResponses.send(ctx, req, HttpResponseStatus.OK, "text/plain; version=0.0.4; charset=utf-8",
                    metrics.registry.render().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            case "/" -> HttpResponses.text(ctx, req, HttpResponseStatus.OK,
                    "kefu\n/healthz /readyz /metrics /channel/open/{channelId}" + (demo != null ? " /sandbox/chat" : "") + "\n");
            default -> {
                if (demo == null || !demo.serve(ctx, req, path)) {
                    HttpResponses.error(ctx, req, HttpResponseStatus.NOT_FOUND, "no such endpoint: " + path);
                }
            }
        }
    }

    private void readyz(ChannelHandlerContext ctx, FullHttpRequest req) {
        String body = "redis=" + (readiness.redisUp() ? "up" : "down") + "\nmodel=" + (readiness.modelLoaded() ? "loaded" : "loading") + "\n";
        HttpResponses.text(ctx, req, readiness.ready() ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE, body);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        metrics.errors.labels("http").inc();
        ctx.close();
    }
}

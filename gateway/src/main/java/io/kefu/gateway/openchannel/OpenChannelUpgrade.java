package io.kefu.gateway.openchannel;

import io.kefu.gateway.http.HttpResponses;
import io.kefu.handlers.config.ChannelConfig;
import io.kefu.handlers.config.KefuConfig;
import io.kefu.handlers.config.StoreConfig;
import io.kefu.proto.v1.Platform;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.handler.timeout.IdleStateHandler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /channel/open/{channelId}} → WebSocket. Everything is checked before the upgrade, so a
 * refused client never gets a socket: unknown channel → 404, missing or wrong token → 401 with the
 * reason, not an upgrade request → 400. Then the HTTP handlers are swapped for the frame pipeline:
 * size limit → control frames → heartbeat → codec → connection handler.
 */
public final class OpenChannelUpgrade {
    public static final String PREFIX = "/channel/open/";
    public static final int MAX_FRAME_BYTES = 64 * 1024;

    private final KefuConfig config;
    private final OpenChannelServices services;

    public OpenChannelUpgrade(KefuConfig config, OpenChannelServices services) {
        this.config = config;
        this.services = services;
    }

    public void upgrade(ChannelHandlerContext ctx, FullHttpRequest req, QueryStringDecoder qs) {
        String channelId = qs.path().substring(PREFIX.length());
        Optional<ChannelConfig> channel = config.channel(channelId).filter(c -> c.platform() == Platform.OPEN);
        if (channel.isEmpty()) {
            refuse(ctx, req, HttpResponseStatus.NOT_FOUND, "unknown_channel", "unknown open channel '" + channelId + "'");
            return;
        }
        if (!req.method().equals(HttpMethod.GET)
                || !HttpHeaderValues.WEBSOCKET.contentEqualsIgnoreCase(req.headers().get(HttpHeaderNames.UPGRADE, ""))) {
            refuse(ctx, req, HttpResponseStatus.BAD_REQUEST, "not_websocket", "expected a WebSocket upgrade (GET with Upgrade: websocket)");
            return;
        }
        String token = presentedToken(req, qs);
        if (token == null) {
            refuse(ctx, req, HttpResponseStatus.UNAUTHORIZED, "missing_token",
                    "missing token: send 'Authorization: Bearer <token>' or '?token=<token>'");
            return;
        }
        if (!constantTimeEquals(token, channel.get().token())) {
            refuse(ctx, req, HttpResponseStatus.UNAUTHORIZED, "wrong_token", "wrong token for channel '" + channelId + "'");
            return;
        }
        StoreConfig store = config.storeOfChannel(channelId).orElseThrow();
        WebSocketDecoderConfig decoder = WebSocketDecoderConfig.newBuilder()
                .maxFramePayloadLength(MAX_FRAME_BYTES)
                .allowExtensions(false)
                .closeOnProtocolViolation(true)
                .build();
        String url = "ws://" + req.headers().get(HttpHeaderNames.HOST, "localhost") + qs.path();
        WebSocketServerHandshaker handshaker = new WebSocketServerHandshakerFactory(url, null, decoder).newHandshaker(req);
        if (handshaker == null) {
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
            return;
        }
        ChannelPipeline p = ctx.pipeline();
        String self = ctx.name();
        java.util.function.Consumer<String> drop = reason -> services.metrics().droppedFrames.labels(channelId, reason).inc();
        handshaker.handshake(ctx.channel(), req).addListener(f -> {
            if (!f.isSuccess()) {
                ctx.close();
            }
        });
        p.addAfter(self, "ws-aggregate", new WebSocketFrameAggregator(MAX_FRAME_BYTES));
        p.addAfter("ws-aggregate", "ws-control", new WebSocketControlHandler(drop));
        int hb = services.heartbeatIntervalMs();
        p.addAfter("ws-control", "ws-idle", new IdleStateHandler(hb * 3L, hb, 0, TimeUnit.MILLISECONDS));
        p.addAfter("ws-idle", "open-codec", new OpenChannelFrameCodec(drop));
        p.addAfter("open-codec", "open-handler", new OpenChannelHandler(channel.get(), store, services));
        p.remove(self);
    }

    private void refuse(ChannelHandlerContext ctx, FullHttpRequest req, HttpResponseStatus status, String reason, String message) {
        services.metrics().handshakesRejected.labels(reason).inc();
        HttpResponses.error(ctx, req, status, message);
    }

    static String presentedToken(FullHttpRequest req, QueryStringDecoder qs) {
        String auth = req.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return auth.substring(7).trim();
        }
        List<String> q = qs.parameters().get("token");
        return q == null || q.isEmpty() ? null : q.get(0);
    }

    static boolean constantTimeEquals(String a, String b) {
        return b != null && MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}

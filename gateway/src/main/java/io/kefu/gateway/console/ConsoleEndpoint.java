package io.kefu.gateway.console;

import io.kefu.gateway.extension.HttpEndpoint;
import io.kefu.handlers.handoff.AgentRoster;
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
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * {@code /console}: the page and its files, the JSON API ({@link ConsoleApi}, served on the
 * blocking pool) and the live socket {@code /console/ws} (cookie session + same origin, checked
 * before the upgrade).
 */
final class ConsoleEndpoint implements HttpEndpoint {
    static final int MAX_WS_FRAME = 4096;
    private static final Map<String, String> FILES = Map.of(
            "console.js", "text/javascript; charset=utf-8", "console.css", "text/css; charset=utf-8");

    private final ConsoleApi api;
    private final ConsoleSessions sessions;
    private final ConsoleSettings settings;
    private final ConsoleSockets sockets;
    private final AgentRoster roster;
    private final ExecutorService blocking;
    private final Clock clock;
    private final Map<String, byte[]> files = new java.util.concurrent.ConcurrentHashMap<>();

    ConsoleEndpoint(ConsoleApi api, ConsoleSessions sessions, ConsoleSettings settings, ConsoleSockets sockets,
                    AgentRoster roster, ExecutorService blocking, Clock clock) {
        this.api = api;
        this.sessions = sessions;
        this.settings = settings;
        this.sockets = sockets;
        this.roster = roster;
        this.blocking = blocking;
        this.clock = clock;
    }

    @Override
    public boolean matches(String path) {
        return path.equals("/console") || path.startsWith("/console/");
    }

    @Override
    public void handle(ChannelHandlerContext ctx, FullHttpRequest req, QueryStringDecoder query) {
        String path = query.path();
        ConsoleHttp h = ConsoleHttp.of(ctx.channel(), req, path);
        if (path.startsWith("/console/api/")) {
            offload(h, () -> api.serve(h));
        } else if (path.equals("/console/ws")) {
            upgrade(ctx, req, h);
        } else if (!req.method().equals(HttpMethod.GET) && !req.method().equals(HttpMethod.HEAD)) {
            h.error(HttpResponseStatus.METHOD_NOT_ALLOWED, "GET only");
        } else if (path.equals("/console") || path.equals("/console/")) {
            h.send(HttpResponseStatus.OK, "text/html; charset=utf-8", file("console.html"), Map.of());
        } else if (path.startsWith("/console/static/") && FILES.containsKey(path.substring(16))) {
            String name = path.substring(16);
            h.send(HttpResponseStatus.OK, FILES.get(name), file(name), Map.of());
        } else {
            h.error(HttpResponseStatus.NOT_FOUND, "no such console file: " + path);
        }
    }

    private void offload(ConsoleHttp h, Runnable work) {
        try {
            blocking.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    org.slf4j.LoggerFactory.getLogger(ConsoleEndpoint.class).error("console {} failed", h.path(), e);
                    h.error(HttpResponseStatus.SERVICE_UNAVAILABLE, "temporarily unavailable; try again");
                }
            });
        } catch (RejectedExecutionException e) {
            h.error(HttpResponseStatus.SERVICE_UNAVAILABLE, "shutting down");
        }
    }

    private void upgrade(ChannelHandlerContext ctx, FullHttpRequest req, ConsoleHttp h) {
        if (!req.method().equals(HttpMethod.GET)
                || !HttpHeaderValues.WEBSOCKET.contentEqualsIgnoreCase(req.headers().get(HttpHeaderNames.UPGRADE, ""))) {
            h.error(HttpResponseStatus.BAD_REQUEST, "expected a WebSocket upgrade");
            return;
        }
        if (!h.sameOrigin()) {
            h.error(HttpResponseStatus.FORBIDDEN, "cross-site WebSocket refused");
            return;
        }
        String token = h.cookie(ConsoleSessions.COOKIE);
        FullHttpRequest kept = req.retainedDuplicate();
        offload(h, () -> {
            Optional<ConsoleAccount> account = sessions.find(token).flatMap(s -> settings.account(s.username()));
            ctx.executor().execute(() -> {
                try {
                    if (account.isEmpty()) {
                        h.error(HttpResponseStatus.UNAUTHORIZED, "not logged in");
                    } else {
                        handshake(ctx, kept, account.get());
                    }
                } finally {
                    kept.release();
                }
            });
        });
    }

    private void handshake(ChannelHandlerContext ctx, FullHttpRequest req, ConsoleAccount account) {
        WebSocketDecoderConfig decoder = WebSocketDecoderConfig.newBuilder().maxFramePayloadLength(MAX_WS_FRAME)
                .allowExtensions(false).closeOnProtocolViolation(true).build();
        String url = "ws://" + req.headers().get(HttpHeaderNames.HOST, "localhost") + "/console/ws";
        WebSocketServerHandshaker handshaker = new WebSocketServerHandshakerFactory(url, null, decoder).newHandshaker(req);
        if (handshaker == null) {
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
            return;
        }
        ChannelPipeline p = ctx.pipeline();
        String self = ctx.name();
        handshaker.handshake(ctx.channel(), req).addListener(f -> {
            if (!f.isSuccess()) {
                ctx.close();
            }
        });
        p.addAfter(self, "console-ws-aggregate", new WebSocketFrameAggregator(MAX_WS_FRAME));
        p.addAfter("console-ws-aggregate", "console-ws-idle", new IdleStateHandler(60, 0, 0, TimeUnit.SECONDS));
        p.addAfter("console-ws-idle", "console-ws", new ConsoleSocketHandler(account, roster, blocking, clock));
        p.remove(self);
        sockets.add(account, ctx.channel());
    }

    private byte[] file(String name) {
        return files.computeIfAbsent(name, n -> {
            try (InputStream in = ConsoleEndpoint.class.getResourceAsStream("/io/kefu/gateway/console/" + n)) {
                if (in == null) {
                    throw new IllegalStateException("console resource missing: " + n);
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}

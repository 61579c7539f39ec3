package io.kefu.gateway.console;

import io.kefu.gateway.http.HttpResponses;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A console request copied off the Netty buffer (so it can be served on the blocking pool) and the
 * way to answer it: JSON or files, with the security headers every console response carries.
 */
record ConsoleHttp(Channel channel, String method, String path, HttpHeaders headers, String body, boolean keepAlive,
                   boolean bodyTooLarge) {
    static final int MAX_BODY_BYTES = 16 * 1024;

    static ConsoleHttp of(Channel ch, FullHttpRequest req, String path) {
        int size = req.content().readableBytes();
        String body = size > MAX_BODY_BYTES ? "" : req.content().toString(StandardCharsets.UTF_8);
        return new ConsoleHttp(ch, req.method().name(), path, req.headers().copy(), body, HttpUtil.isKeepAlive(req), size > MAX_BODY_BYTES);
    }

    String cookie(String name) {
        String header = headers.get(HttpHeaderNames.COOKIE);
        if (header == null) {
            return null;
        }
        return ServerCookieDecoder.STRICT.decode(header).stream().filter(c -> c.name().equals(name)).map(c -> c.value())
                .findFirst().orElse(null);
    }

    /**
     * Same-origin check: a browser always sends Origin on cross-site POSTs and WebSocket handshakes;
     * when present it must name this very host. Absent (non-browser clients) is allowed — they
     * still need the CSRF header, which a cross-site page cannot read or set.
     */
    boolean sameOrigin() {
        String origin = headers.get(HttpHeaderNames.ORIGIN);
        if (origin == null) {
            return true;
        }
        String host = headers.get(HttpHeaderNames.HOST, "");
        return origin.equals("http://" + host) || origin.equals("https://" + host);
    }

    void json(HttpResponseStatus status, String json, Map<String, String> extra) {
        send(status, "application/json; charset=utf-8", json.getBytes(StandardCharsets.UTF_8), extra);
    }

    void json(HttpResponseStatus status, String json) {
        json(status, json, Map.of());
    }

    void error(HttpResponseStatus status, String message) {
        Map<String, String> h = Map.of(HttpResponses.ERROR_HEADER, message.replaceAll("[^\\x20-\\x7e]", "?"));
        json(status, "{\"status\":" + status.code() + ",\"error\":\"" + HttpResponses.jsonEscape(message) + "\"}", h);
    }

    void send(HttpResponseStatus status, String contentType, byte[] body, Map<String, String> extra) {
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        HttpHeaders h = res.headers();
        h.set(HttpHeaderNames.CONTENT_TYPE, contentType);
        h.set(HttpHeaderNames.CONTENT_LENGTH, body.length);
        h.set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        h.set("X-Content-Type-Options", "nosniff");
        h.set("X-Frame-Options", "DENY");
        h.set("Referrer-Policy", "no-referrer");
        h.set("Content-Security-Policy", "default-src 'self'; connect-src 'self'; img-src 'self' data:; "
                + "style-src 'self'; script-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
        extra.forEach(h::add);
        if (keepAlive) {
            h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            channel.writeAndFlush(res);
        } else {
            h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            channel.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
        }
    }
}

package io.kefu.gateway.admin;

import io.kefu.gateway.http.HttpResponses;
import io.kefu.handlers.config.KefuConfig;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * The {@code admin.token} every admin endpoint (models, knowledge, plugins, campaign report) is
 * guarded by, sent as {@code Authorization: Bearer …} and compared in constant time.
 */
public final class AdminToken {
    private final byte[] secret;

    private AdminToken(String secret) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    /** The configured token (the {@code admin} section is validated, errors name the key), if any. */
    public static Optional<AdminToken> of(KefuConfig config) {
        return AdminApi.token(config).map(AdminToken::new);
    }

    /** True when the request carries the token; otherwise answers 401 and returns false. */
    public boolean admits(ChannelHandlerContext ctx, FullHttpRequest req) {
        String auth = req.headers().get(HttpHeaderNames.AUTHORIZATION, "");
        if (auth.regionMatches(true, 0, "Bearer ", 0, 7)
                && MessageDigest.isEqual(auth.substring(7).trim().getBytes(StandardCharsets.UTF_8), secret)) {
            return true;
        }
        HttpResponses.error(ctx, req, HttpResponseStatus.UNAUTHORIZED, "missing or wrong admin token (Authorization: Bearer …)");
        return false;
    }
}

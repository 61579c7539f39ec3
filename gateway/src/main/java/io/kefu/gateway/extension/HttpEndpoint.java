package io.kefu.gateway.extension;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;

/**
 * An HTTP route contributed by an extension (a platform webhook, the agent console, the admin
 * API). Runs on the event loop: blocking work must go to {@link NodeContext#blocking()}. An
 * endpoint may upgrade the connection to a WebSocket by swapping the pipeline itself.
 */
public interface HttpEndpoint {

    /** True when this endpoint serves {@code path} (first match wins, in registration order). */
    boolean matches(String path);

    void handle(ChannelHandlerContext ctx, FullHttpRequest request, QueryStringDecoder query) throws Exception;
}

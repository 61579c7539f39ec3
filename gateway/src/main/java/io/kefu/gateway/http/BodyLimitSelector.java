package io.kefu.gateway.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import java.util.function.ToIntFunction;

/**
 * Picks the request-body limit per request before the aggregator sees it: 64 KiB almost
 * everywhere, more only where a large upload is the point (a model file). Swaps the aggregator
 * between requests, when it holds nothing.
 */
public final class BodyLimitSelector extends ChannelInboundHandlerAdapter {
    private final String aggregatorName;
    private final ToIntFunction<String> limitForUri;
    private int current;

    public BodyLimitSelector(String aggregatorName, int initial, ToIntFunction<String> limitForUri) {
        this.aggregatorName = aggregatorName;
        this.current = initial;
        this.limitForUri = limitForUri;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest req) {
            int limit = limitForUri.applyAsInt(req.uri());
            if (limit != current && ctx.pipeline().get(aggregatorName) != null) {
                ctx.pipeline().replace(aggregatorName, aggregatorName, new HttpObjectAggregator(limit));
                current = limit;
            }
        }
        ctx.fireChannelRead(msg);
    }
}

package io.kefu.gateway.openchannel;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.util.function.Consumer;

/**
 * WebSocket control frames (ping, pong, close) so that only data frames reach the codec; and the
 * frame-size limit: a frame or message over the limit is refused with close code 1009 and counted.
 */
public final class WebSocketControlHandler extends ChannelInboundHandlerAdapter {
    private final Consumer<String> onRefused;

    public WebSocketControlHandler(Consumer<String> onRefused) {
        this.onRefused = onRefused;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof PingWebSocketFrame ping) {
            ctx.writeAndFlush(new PongWebSocketFrame(ping.content()));
        } else if (msg instanceof PongWebSocketFrame pong) {
            pong.release();
        } else if (msg instanceof CloseWebSocketFrame close) {
            ctx.writeAndFlush(close.retainedDuplicate()).addListener(ChannelFutureListener.CLOSE);
            close.release();
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException
                || (cause instanceof CorruptedWebSocketFrameException c && c.closeStatus() == WebSocketCloseStatus.MESSAGE_TOO_BIG)) {
            onRefused.accept("too_large");
            if (ctx.channel().isActive()) {
                ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.MESSAGE_TOO_BIG, "frame larger than 64 KiB"))
                        .addListener(ChannelFutureListener.CLOSE);
            }
            return;
        }
        if (cause instanceof CorruptedFrameException) {
            onRefused.accept("protocol_violation");
            ctx.close();
            return;
        }
        ctx.fireExceptionCaught(cause);
    }
}

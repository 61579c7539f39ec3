package io.kefu.sandbox.sim;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import java.util.function.Consumer;

/**
 * Turns a {@link LoopbackServer} request into the server end of a WebSocket, as a platform's
 * socket front end does: the handshake, whole messages (fragments joined, up to 1 MiB), and a
 * close frame answered with a close frame. What the platform says on the socket stays with the
 * simulator, which gets each other frame.
 */
public final class WebSocketUpgrade {
    static final int MAX_MESSAGE_BYTES = 1 << 20;

    private WebSocketUpgrade() {}

    /**
     * @param url     the socket's ws:// URL, as the handshake checks it
     * @param opened  runs once the handshake is done and frames reach {@code frames}
     * @param frames  every data, ping and pong frame from the client
     * @param closed  runs when the connection is gone, however it ended
     */
    public static void accept(ChannelHandlerContext ctx, FullHttpRequest req, String url, Runnable opened,
                              Consumer<WebSocketFrame> frames, Runnable closed) {
        WebSocketServerHandshaker hs = new WebSocketServerHandshakerFactory(url, null, false, MAX_MESSAGE_BYTES).newHandshaker(req);
        if (hs == null) {
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
            return;
        }
        hs.handshake(ctx.channel(), req).addListener(f -> {
            if (!f.isSuccess()) {
                return;
            }
            var p = ctx.pipeline();
            p.remove("route");
            p.addLast("ws-aggregate", new WebSocketFrameAggregator(MAX_MESSAGE_BYTES));
            p.addLast("ws", new SimpleChannelInboundHandler<WebSocketFrame>() {
                @Override
                protected void channelRead0(ChannelHandlerContext c, WebSocketFrame frame) {
                    if (frame instanceof CloseWebSocketFrame close) {
                        c.channel().writeAndFlush(new CloseWebSocketFrame(close.statusCode(), "")).addListener(x -> c.channel().close());
                    } else {
                        frames.accept(frame);
                    }
                }

                @Override
                public void channelInactive(ChannelHandlerContext c) {
                    closed.run();
                }

                @Override
                public void exceptionCaught(ChannelHandlerContext c, Throwable cause) {
                    c.close();
                }
            });
            opened.run();
        });
    }
}

package io.kefu.sandbox.sim;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A real HTTP server on 127.0.0.1 for a platform simulator. It can be killed (every socket dropped
 * at once, no close handshake — what a crashed platform front end looks like) and restarted on the
 * same port with the simulator's state intact, like a platform that came back.
 */
public final class LoopbackServer implements AutoCloseable {

    /** Serves one request; may answer with {@link #respond} or take over the channel (WebSocket upgrade). */
    @FunctionalInterface
    public interface Handler {
        void handle(ChannelHandlerContext ctx, FullHttpRequest request) throws Exception;
    }

    private final String name;
    private final Handler handler;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private final ChannelGroup children = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private volatile Channel server;
    private volatile int port;

    public LoopbackServer(String name, Handler handler) {
        this.name = name;
        this.handler = handler;
    }

    public synchronized LoopbackServer start() {
        if (server != null) {
            return this;
        }
        ServerBootstrap b = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        children.add(ch);
                        ch.pipeline().addLast("http", new HttpServerCodec())
                                .addLast("aggregate", new HttpObjectAggregator(4 * 1024 * 1024))
                                .addLast("route", new SimpleChannelInboundHandler<FullHttpRequest>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) throws Exception {
                                        handler.handle(ctx, req);
                                    }

                                    @Override
                                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                        ctx.close();
                                    }
                                });
                    }
                });
        try {
            server = b.bind("127.0.0.1", port).sync().channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(name + " simulator interrupted while binding", e);
        }
        port = ((java.net.InetSocketAddress) server.localAddress()).getPort();
        return this;
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Stops listening and drops every connection without a close handshake. */
    public synchronized void kill() {
        if (server != null) {
            server.close().syncUninterruptibly();
            server = null;
        }
        dropConnections();
    }

    /** Drops every open connection (the listener stays): a platform front end losing its sockets. */
    public void dropConnections() {
        children.close().syncUninterruptibly();
    }

    public synchronized void restart() {
        kill();
        start();
    }

    @Override
    public void close() {
        kill();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    public static void respond(ChannelHandlerContext ctx, FullHttpRequest req, int status, String contentType, String body) {
        respond(ctx, req, status, contentType, body, Map.of());
    }

    public static void respond(ChannelHandlerContext ctx, FullHttpRequest req, int status, String contentType, String body,
                               Map<String, String> headers) {
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status),
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        res.headers().set(HttpHeaderNames.CONTENT_LENGTH, res.content().readableBytes());
        headers.forEach(res.headers()::set);
        HttpUtil.setKeepAlive(res, HttpUtil.isKeepAlive(req));
        var f = ctx.writeAndFlush(res);
        if (!HttpUtil.isKeepAlive(req)) {
            f.addListener(io.netty.channel.ChannelFutureListener.CLOSE);
        }
    }

    public static void json(ChannelHandlerContext ctx, FullHttpRequest req, String body) {
        respond(ctx, req, 200, "application/json; charset=utf-8", body);
    }
}

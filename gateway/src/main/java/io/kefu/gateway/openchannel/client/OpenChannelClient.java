package io.kefu.gateway.openchannel.client;

import com.google.protobuf.InvalidProtocolBufferException;
import io.kefu.proto.v1.Ack;
import io.kefu.proto.v1.Auth;
import io.kefu.proto.v1.AuthOk;
import io.kefu.proto.v1.ChatMessage;
import io.kefu.proto.v1.ClientFrame;
import io.kefu.proto.v1.ErrorFrame;
import io.kefu.proto.v1.Pong;
import io.kefu.proto.v1.Reply;
import io.kefu.proto.v1.ServerFrame;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A buyer-side client of the open channel (binary protobuf frames), for `./kefu say`, custom
 * bridges and tests. Replies are queued in arrival order; the caller acks them with
 * {@link #ackReply}. Answers server pings by itself.
 */
public final class OpenChannelClient implements AutoCloseable {
    private static final EventLoopGroup GROUP = new MultiThreadIoEventLoopGroup(2, r -> {
        Thread t = new Thread(r, "kefu-client");
        t.setDaemon(true);
        return t;
    }, NioIoHandler.newFactory());

    private final Channel channel;
    private final BlockingQueue<Reply> replies = new LinkedBlockingQueue<>();
    private final BlockingQueue<ErrorFrame> errors = new LinkedBlockingQueue<>();
    private final List<ServerFrame> received = new CopyOnWriteArrayList<>();
    private final Map<String, CompletableFuture<Ack>> pendingAcks = new ConcurrentHashMap<>();
    private final CompletableFuture<AuthOk> authOk = new CompletableFuture<>();
    private final CompletableFuture<Void> handshake = new CompletableFuture<>();

    /** The server refused the WebSocket handshake; {@code status} is its HTTP status (401, 404, …). */
    public static final class HandshakeRefused extends Exception {
        private final int status;

        HandshakeRefused(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private OpenChannelClient(URI uri, String token, Duration timeout) throws Exception {
        DefaultHttpHeaders headers = new DefaultHttpHeaders();
        if (token != null) {
            headers.set(HttpHeaderNames.AUTHORIZATION, "Bearer " + token);
        }
        WebSocketClientProtocolConfig cfg = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(uri)
                .customHeaders(headers)
                .maxFramePayloadLength(16 * 1024 * 1024)
                .handshakeTimeoutMillis(timeout.toMillis())
                .build();
        int port = uri.getPort() > 0 ? uri.getPort() : 80;
        channel = new Bootstrap().group(GROUP).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(1 << 20),
                                new WebSocketClientProtocolHandler(cfg), new FrameHandler());
                    }
                })
                .connect(uri.getHost(), port).sync().channel();
        channel.closeFuture().addListener(f -> {
            IllegalStateException closed = new IllegalStateException("connection closed");
            handshake.completeExceptionally(closed);
            authOk.completeExceptionally(closed);
            pendingAcks.values().forEach(a -> a.completeExceptionally(closed));
        });
        try {
            handshake.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            channel.close();
            if (e.getCause() instanceof HandshakeRefused r) {
                throw r;
            }
            throw e;
        }
    }

    /** Opens {@code ws://host:port/channel/open/{channelId}} presenting the token as a Bearer header. */
    public static OpenChannelClient connect(URI uri, String token, Duration timeout) throws Exception {
        return new OpenChannelClient(uri, token, timeout);
    }

    public static URI uri(String host, int port, String channelId) {
        return URI.create("ws://" + host + ":" + port + "/channel/open/" + channelId);
    }

    public AuthOk auth(String buyerId, Duration timeout) throws Exception {
        write(ClientFrame.newBuilder().setAuth(Auth.newBuilder().setBuyerId(buyerId)).build());
        return authOk.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Sends a message; the future completes with the server's ack (after it persisted the message). */
    public CompletableFuture<Ack> send(String clientMsgId, String text) {
        CompletableFuture<Ack> f = pendingAcks.computeIfAbsent(clientMsgId, k -> new CompletableFuture<>());
        write(ClientFrame.newBuilder().setMessage(ChatMessage.newBuilder().setClientMsgId(clientMsgId).setText(text)
                .setSentAt(System.currentTimeMillis())).build());
        return f;
    }

    public void ackReply(String replyId) {
        write(ClientFrame.newBuilder().setAck(Ack.newBuilder().setId(replyId)).build());
    }

    public void write(ClientFrame frame) {
        channel.writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(frame.toByteArray())));
    }

    /** Sends any WebSocket frame as is (tests of malformed input). */
    public void writeRaw(WebSocketFrame frame) {
        channel.writeAndFlush(frame);
    }

    /** The next reply, or null after the timeout. */
    public Reply nextReply(Duration timeout) throws InterruptedException {
        return replies.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public ErrorFrame nextError(Duration timeout) throws InterruptedException {
        return errors.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public List<ServerFrame> received() {
        return List.copyOf(received);
    }

    public boolean isOpen() {
        return channel.isActive();
    }

    public CompletableFuture<Void> closed() {
        CompletableFuture<Void> f = new CompletableFuture<>();
        channel.closeFuture().addListener(x -> f.complete(null));
        return f;
    }

    @Override
    public void close() {
        if (channel.isActive()) {
            channel.writeAndFlush(new CloseWebSocketFrame());
        }
        channel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    }

    private final class FrameHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                handshake.complete(null);
            } else if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
                handshake.completeExceptionally(new TimeoutException("handshake timed out"));
            }
            super.userEventTriggered(ctx, evt);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) throws Exception {
            ServerFrame f;
            if (frame instanceof BinaryWebSocketFrame) {
                f = ServerFrame.parseFrom(new ByteBufInputStream(frame.content()));
            } else if (frame instanceof TextWebSocketFrame t) {
                ServerFrame.Builder b = ServerFrame.newBuilder();
                com.google.protobuf.util.JsonFormat.parser().merge(t.text(), b);
                f = b.build();
            } else {
                return;
            }
            received.add(f);
            switch (f.getFrameCase()) {
                case AUTH_OK -> authOk.complete(f.getAuthOk());
                case ACK -> {
                    CompletableFuture<Ack> a = pendingAcks.remove(f.getAck().getId());
                    if (a != null) {
                        a.complete(f.getAck());
                    }
                }
                case REPLY -> replies.add(f.getReply());
                case PING -> write(ClientFrame.newBuilder().setPong(Pong.newBuilder().setNonce(f.getPing().getNonce())).build());
                case ERROR -> {
                    CompletableFuture<Ack> a = pendingAcks.remove(f.getError().getRefId());
                    if (a != null) {
                        a.completeExceptionally(new IllegalStateException(f.getError().getCode() + ": " + f.getError().getMessage()));
                    }
                    errors.add(f.getError());
                }
                default -> { }
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (cause instanceof WebSocketClientHandshakeException h && h.response() != null) {
                String body = h.response().headers().get("X-Kefu-Error", "");
                handshake.completeExceptionally(new HandshakeRefused(h.response().status().code(),
                        h.response().status() + (body.isEmpty() ? "" : ": " + body)));
            } else if (cause instanceof InvalidProtocolBufferException) {
                return;
            } else {
                handshake.completeExceptionally(cause);
            }
            ctx.close();
        }
    }
}

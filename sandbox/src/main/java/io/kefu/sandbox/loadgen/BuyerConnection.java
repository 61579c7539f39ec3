package io.kefu.sandbox.loadgen;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.kefu.proto.v1.Ack;
import io.kefu.proto.v1.Auth;
import io.kefu.proto.v1.ChatMessage;
import io.kefu.proto.v1.ClientFrame;
import io.kefu.proto.v1.Pong;
import io.kefu.proto.v1.Reply;
import io.kefu.proto.v1.ServerFrame;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One simulated buyer on the open channel, speaking binary protobuf frames the way a careful
 * client must: auth first, ack every reply, answer pings, and after a dropped connection
 * reconnect (capped exponential backoff + jitter) and resend every unacked message with its
 * original id. All state is touched only on this connection's event loop, so none of it locks.
 */
final class BuyerConnection {

    private static final int MAX_FRAME = 64 * 1024;
    private static final long BACKOFF_BASE_MS = 100;
    private static final long BACKOFF_CAP_MS = 3_000;

    private final Bootstrap bootstrap;
    private final URI uri;
    private final String buyerId;
    private final MessageLedger ledger;
    private final EventLoop loop;
    /** Messages not yet acked by the server, in send order: resent after a reconnect. */
    private final Map<String, ChatMessage> unacked = new LinkedHashMap<>();
    private final CompletableFuture<Void> firstAuth = new CompletableFuture<>();

    private Channel channel;
    private boolean authenticated;
    private boolean closing;
    private long generation;
    private int failedAttempts;

    BuyerConnection(Bootstrap template, EventLoop loop, URI uri, String buyerId, MessageLedger ledger) {
        this.loop = loop;
        this.uri = uri;
        this.buyerId = buyerId;
        this.ledger = ledger;
        this.bootstrap = template.clone(loop)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5_000)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                                .webSocketUri(uri)
                                .maxFramePayloadLength(MAX_FRAME)
                                .handshakeTimeoutMillis(10_000)
                                .build();
                        ch.pipeline().addLast(
                                new HttpClientCodec(),
                                new HttpObjectAggregator(MAX_FRAME),
                                new WebSocketClientProtocolHandler(config),
                                new WebSocketFrameAggregator(MAX_FRAME),
                                new Handler());
                    }
                });
    }

    EventLoop eventLoop() {
        return loop;
    }

    /** Completes when the first auth succeeds; fails with a readable reason if the first connect does. */
    CompletableFuture<Void> start() {
        loop.execute(this::connect);
        return firstAuth;
    }

    /** Sends (or queues, while reconnecting) one buyer message. Must run on {@link #eventLoop()}. */
    void send(String clientMsgId, String text, long intendedSendNanos) {
        ChatMessage message = ChatMessage.newBuilder()
                .setClientMsgId(clientMsgId)
                .setText(text)
                .setSentAt(System.currentTimeMillis())
                .build();
        unacked.put(clientMsgId, message);
        ledger.onSent(clientMsgId, intendedSendNanos);
        if (authenticated) {
            write(ClientFrame.newBuilder().setMessage(message).build());
        }
    }

    /** Closes for good (no reconnect). */
    CompletableFuture<Void> close() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        loop.execute(() -> {
            closing = true;
            if (channel == null) {
                done.complete(null);
            } else {
                channel.close().addListener(f -> done.complete(null));
            }
        });
        return done;
    }

    private void connect() {
        if (closing) {
            return;
        }
        ChannelFuture f = bootstrap.connect(uri.getHost(), uri.getPort());
        channel = f.channel();
        f.addListener(done -> {
            if (!done.isSuccess()) {
                connectionFailed("cannot connect to " + uri.getHost() + ":" + uri.getPort() + ": " + done.cause());
                scheduleReconnect(); // no channelInactive follows a failed connect
            }
        });
    }

    private void connectionFailed(String reason) {
        if (!firstAuth.isDone()) {
            // The first attempt decides whether the run can start at all (bad token, wrong URL).
            firstAuth.completeExceptionally(new IllegalStateException(buyerId + ": " + reason));
            closing = true;
            return;
        }
        ledger.errors.incrementAndGet();
    }

    private void scheduleReconnect() {
        if (closing) {
            return;
        }
        ledger.reconnects.incrementAndGet();
        long ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS << Math.min(failedAttempts, 10));
        failedAttempts++;
        // "Equal jitter": half fixed, half random, so reconnecting buyers do not stampede together.
        long delay = ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
        loop.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    private void write(ClientFrame frame) {
        channel.writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(frame.toByteArray())));
    }

    private void onFrame(ServerFrame frame) {
        switch (frame.getFrameCase()) {
            case AUTH_OK -> {
                authenticated = true;
                failedAttempts = 0;
                firstAuth.complete(null);
                for (ChatMessage m : unacked.values()) { // same ids: the server dedups them
                    write(ClientFrame.newBuilder().setMessage(m).build());
                }
            }
            case ACK -> {
                Ack ack = frame.getAck();
                unacked.remove(ack.getId());
                ledger.onAck(ack.getId(), ack.getDuplicate());
            }
            case REPLY -> {
                Reply reply = frame.getReply();
                // Ack first, even a duplicate: an unacked reply would be redelivered forever.
                write(ClientFrame.newBuilder().setAck(Ack.newBuilder().setId(reply.getId())).build());
                ledger.onReply(reply.getId(), reply.getInReplyTo(), generation, System.nanoTime());
            }
            case PING -> write(ClientFrame.newBuilder()
                    .setPong(Pong.newBuilder().setNonce(frame.getPing().getNonce())).build());
            case PONG -> { /* we do not ping: the server's pings keep the connection alive */ }
            case ERROR -> ledger.errors.incrementAndGet();
            default -> ledger.errors.incrementAndGet();
        }
    }

    private final class Handler extends SimpleChannelInboundHandler<WebSocketFrame> {

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                generation++;
                write(ClientFrame.newBuilder()
                        .setAuth(Auth.newBuilder().setBuyerId(buyerId).setBuyerName(buyerId).setLocale("zh-CN"))
                        .build());
            }
            super.userEventTriggered(ctx, evt);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            ServerFrame parsed;
            try {
                if (frame instanceof BinaryWebSocketFrame) {
                    parsed = ServerFrame.parseFrom(ByteBufUtil.getBytes(frame.content()));
                } else if (frame instanceof TextWebSocketFrame text) {
                    ServerFrame.Builder b = ServerFrame.newBuilder();
                    JsonFormat.parser().ignoringUnknownFields().merge(text.text(), b);
                    parsed = b.build();
                } else {
                    return; // control frames are handled by the protocol handler
                }
            } catch (InvalidProtocolBufferException e) {
                ledger.errors.incrementAndGet();
                return;
            }
            onFrame(parsed);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (cause instanceof WebSocketClientHandshakeException h && h.response() != null) {
                connectionFailed("handshake refused: HTTP " + h.response().status());
            } else {
                connectionFailed(String.valueOf(cause));
            }
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            authenticated = false;
            if (!firstAuth.isDone()) {
                connectionFailed("connection closed before auth completed");
            }
            scheduleReconnect();
        }
    }
}

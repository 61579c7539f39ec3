package io.kefu.sandbox.testing;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.kefu.proto.v1.Ack;
import io.kefu.proto.v1.AuthOk;
import io.kefu.proto.v1.ChatMessage;
import io.kefu.proto.v1.ClientFrame;
import io.kefu.proto.v1.OutboundMessage;
import io.kefu.proto.v1.Pong;
import io.kefu.proto.v1.Reply;
import io.kefu.proto.v1.ServerFrame;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
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
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small stand-in for the gateway's open channel (PLATFORMS.md §7), for testing the
 * <em>client</em> side: the load generator's checks and the chat page. It can misbehave on
 * purpose (drop a reply, answer twice, cut the connection) so that the tests prove the
 * bench notices. It also serves the sandbox web resources the way demo mode does.
 */
public final class FakeOpenChannelServer implements AutoCloseable {

    public static final String CHANNEL = "demo";
    public static final String TOKEN = "demo-token";

    /** How the server misbehaves; all zero = a correct server. */
    public record Faults(int dropReplyEvery, int duplicateReplyEvery, int closeConnectionAtMessage) {
        public static Faults none() {
            return new Faults(0, 0, 0);
        }
    }

    private static final class Buyer {
        final Set<String> seenMessages = ConcurrentHashMap.newKeySet();
        final Map<String, Reply> unackedReplies = new LinkedHashMap<>();
        long seq;
    }

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private final Channel serverChannel;
    private final Faults faults;
    private final Map<String, Buyer> buyers = new ConcurrentHashMap<>();
    private final AtomicInteger messageCount = new AtomicInteger();
    private final AtomicLong replyIds = new AtomicLong();
    private volatile boolean closedOnce;

    public FakeOpenChannelServer(Faults faults) throws InterruptedException {
        this.faults = faults;
        this.serverChannel = new ServerBootstrap().group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65536), new HttpRoutes());
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
    }

    public int port() {
        return ((java.net.InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    public int messagesReceived() {
        return messageCount.get();
    }

    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Plain HTTP: the demo web resources, and the token check before the WebSocket upgrade. */
    private final class HttpRoutes extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) throws IOException {
            QueryStringDecoder q = new QueryStringDecoder(req.uri());
            String path = q.path();
            if (path.startsWith("/channel/open/")) {
                if (!path.equals("/channel/open/" + CHANNEL)) {
                    respond(ctx, HttpResponseStatus.NOT_FOUND, "text/plain", "unknown channel".getBytes());
                    return;
                }
                String token = q.parameters().getOrDefault("token", java.util.List.of("")).get(0);
                if (!TOKEN.equals(token)) {
                    respond(ctx, HttpResponseStatus.UNAUTHORIZED, "text/plain", "bad token".getBytes());
                    return;
                }
                ctx.pipeline().addAfter(ctx.name(), "ws", new WebSocketServerProtocolHandler(path, null, false, 65536, false, true));
                ctx.pipeline().addLast(new Session());
                ctx.fireChannelRead(req.retain());
                ctx.pipeline().remove(this);
                return;
            }
            switch (path) {
                case "/sandbox/chat" -> resource(ctx, "chat.html");
                case "/sandbox/config.json" -> respond(ctx, HttpResponseStatus.OK, "application/json",
                        ("{\"channels\":[{\"id\":\"" + CHANNEL + "\",\"token\":\"" + TOKEN
                                + "\",\"store\":\"demo-store\",\"platform\":\"OPEN\",\"name\":\"Demo store\"}]}")
                                .getBytes(StandardCharsets.UTF_8));
                default -> {
                    if (path.startsWith("/sandbox/static/") && !path.contains("..")) {
                        resource(ctx, path.substring("/sandbox/static/".length()));
                    } else {
                        respond(ctx, HttpResponseStatus.NOT_FOUND, "text/plain", "not found".getBytes());
                    }
                }
            }
        }

        private void resource(ChannelHandlerContext ctx, String file) throws IOException {
            try (InputStream in = getClass().getClassLoader().getResourceAsStream("io/kefu/sandbox/web/" + file)) {
                if (in == null) {
                    respond(ctx, HttpResponseStatus.NOT_FOUND, "text/plain", "not found".getBytes());
                    return;
                }
                String type = file.endsWith(".html") ? "text/html; charset=utf-8"
                        : file.endsWith(".js") ? "text/javascript; charset=utf-8"
                        : file.endsWith(".css") ? "text/css; charset=utf-8" : "application/octet-stream";
                respond(ctx, HttpResponseStatus.OK, type, in.readAllBytes());
            }
        }

        private void respond(ChannelHandlerContext ctx, HttpResponseStatus status, String type, byte[] body) {
            FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
            res.headers().set(HttpHeaderNames.CONTENT_TYPE, type).setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
            ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** One WebSocket connection after the handshake. */
    private final class Session extends SimpleChannelInboundHandler<WebSocketFrame> {
        private boolean json;
        private Buyer buyer;

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) throws InvalidProtocolBufferException {
            ClientFrame in;
            if (frame instanceof TextWebSocketFrame t) {
                json = true;
                ClientFrame.Builder b = ClientFrame.newBuilder();
                JsonFormat.parser().merge(t.text(), b);
                in = b.build();
            } else if (frame instanceof BinaryWebSocketFrame) {
                json = false;
                in = ClientFrame.parseFrom(ByteBufUtil.getBytes(frame.content()));
            } else {
                return;
            }
            switch (in.getFrameCase()) {
                case AUTH -> {
                    buyer = buyers.computeIfAbsent(in.getAuth().getBuyerId(), id -> new Buyer());
                    synchronized (buyer) {
                        send(ctx, ServerFrame.newBuilder().setAuthOk(AuthOk.newBuilder()
                                .setConversationId("c-" + in.getAuth().getBuyerId())
                                .setHeartbeatIntervalMs(25_000)
                                .setPendingReplies(buyer.unackedReplies.size())).build());
                        buyer.unackedReplies.values().forEach(r -> send(ctx, ServerFrame.newBuilder().setReply(r).build()));
                    }
                }
                case MESSAGE -> onMessage(ctx, in.getMessage());
                case ACK -> {
                    synchronized (buyer) {
                        buyer.unackedReplies.remove(in.getAck().getId());
                    }
                }
                case PING -> send(ctx, ServerFrame.newBuilder()
                        .setPong(Pong.newBuilder().setNonce(in.getPing().getNonce())).build());
                default -> { }
            }
        }

        private void onMessage(ChannelHandlerContext ctx, ChatMessage m) {
            int n = messageCount.incrementAndGet();
            if (faults.closeConnectionAtMessage() == n && !closedOnce) {
                closedOnce = true;
                messageCount.decrementAndGet(); // it was never received, as far as the server knows
                ctx.close();
                return;
            }
            if (!buyer.seenMessages.add(m.getClientMsgId())) {
                send(ctx, ServerFrame.newBuilder().setAck(Ack.newBuilder().setId(m.getClientMsgId()).setDuplicate(true)).build());
                return;
            }
            send(ctx, ServerFrame.newBuilder().setAck(Ack.newBuilder().setId(m.getClientMsgId())).build());
            if (faults.dropReplyEvery() > 0 && n % faults.dropReplyEvery() == 0) {
                return;
            }
            reply(ctx, m, "亲，在的～请问有什么可以帮您？");
            if (faults.duplicateReplyEvery() > 0 && n % faults.duplicateReplyEvery() == 0) {
                reply(ctx, m, "(a second answer to the same message)");
            }
        }

        private void reply(ChannelHandlerContext ctx, ChatMessage m, String text) {
            Reply.Builder r = Reply.newBuilder()
                    .setId("r-" + replyIds.incrementAndGet())
                    .setText(text)
                    .setInReplyTo(m.getClientMsgId())
                    .setSender(m.getText().startsWith("agent:") ? OutboundMessage.Sender.AGENT : OutboundMessage.Sender.BOT)
                    .setCreatedAt(System.currentTimeMillis());
            if (m.getText().contains("在吗")) {
                r.addQuickReplies("查订单").addQuickReplies("退换货");
            }
            synchronized (buyer) {
                r.setSeq(++buyer.seq);
                buyer.unackedReplies.put(r.getId(), r.build());
            }
            send(ctx, ServerFrame.newBuilder().setReply(r).build());
        }

        private void send(ChannelHandlerContext ctx, ServerFrame f) {
            if (json) {
                try {
                    ctx.writeAndFlush(new TextWebSocketFrame(JsonFormat.printer().omittingInsignificantWhitespace().print(f)));
                } catch (InvalidProtocolBufferException e) {
                    throw new IllegalStateException(e);
                }
            } else {
                ctx.writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(f.toByteArray())));
            }
        }
    }
}

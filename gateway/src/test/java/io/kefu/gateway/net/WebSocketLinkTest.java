package io.kefu.gateway.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shared link against a real WebSocket peer that writes raw frames, so fragments arrive as fragments. */
class WebSocketLinkTest {
    static final int MAX = 16;
    static EventLoopGroup group;
    static Channel server;
    static final BlockingQueue<Channel> peers = new LinkedBlockingQueue<>();
    static final BlockingQueue<String> fromClient = new LinkedBlockingQueue<>();
    static final HttpClient http = HttpClient.newHttpClient();

    static final class TestSocket extends WebSocketLink<TestSocket> {
        TestSocket(Speaks speaks, Listener<TestSocket> listener) {
            super(speaks, MAX, "the test peer", "test socket is closed", listener);
        }
    }

    /** Every event as a line; a message "unreadable" makes the owner throw, as a decoder does on garbage. */
    static final class Events implements WebSocketLink.Listener<TestSocket> {
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

        @Override
        public void binary(TestSocket s, byte[] message) {
            text(s, new String(message, StandardCharsets.UTF_8));
        }

        @Override
        public void text(TestSocket s, String message) {
            if (message.equals("unreadable")) {
                throw new IllegalArgumentException("cannot decode");
            }
            lines.add("message " + message);
        }

        @Override
        public void dropped(TestSocket s, String reason) {
            lines.add("dropped " + reason);
        }

        @Override
        public void lost(TestSocket s, int closeCode, String why) {
            lines.add("lost " + closeCode + " " + why);
        }

        String next() throws InterruptedException {
            String line = lines.poll(10, TimeUnit.SECONDS);
            assertNotNull(line, "no event within 10 s");
            return line;
        }
    }

    @BeforeAll
    static void startPeer() throws Exception {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class).childHandler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65536), new WebSocketServerProtocolHandler("/"),
                        new SimpleChannelInboundHandler<TextWebSocketFrame>() {
                            @Override
                            protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
                                fromClient.add(frame.text());
                            }

                            @Override
                            public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                                if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
                                    peers.add(ctx.channel());
                                }
                            }
                        });
            }
        }).bind("127.0.0.1", 0).sync().channel();
    }

    @AfterAll
    static void stopPeer() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** A connected link and the peer's end of it. */
    record Link(TestSocket socket, Channel peer, Events events) {
        void send(Object frame) {
            peer.writeAndFlush(frame).syncUninterruptibly();
        }
    }

    static Link connect(WebSocketLink.Speaks speaks) throws Exception {
        peers.clear();
        Events events = new Events();
        URI url = URI.create("ws://127.0.0.1:" + ((InetSocketAddress) server.localAddress()).getPort() + "/");
        TestSocket socket = new TestSocket(speaks, events).connect(http, url, Duration.ofSeconds(10)).get(10, TimeUnit.SECONDS);
        Channel peer = peers.poll(10, TimeUnit.SECONDS);
        assertNotNull(peer, "the peer never saw the handshake");
        return new Link(socket, peer, events);
    }

    static BinaryWebSocketFrame binary(String s, boolean last) {
        return new BinaryWebSocketFrame(last, 0, Unpooled.copiedBuffer(s, StandardCharsets.UTF_8));
    }

    static ContinuationWebSocketFrame continuation(String s) {
        return new ContinuationWebSocketFrame(true, 0, Unpooled.copiedBuffer(s, StandardCharsets.UTF_8));
    }

    @Test
    void joinsFragmentsAndDropsAnOversizedMessageWithoutLosingTheLink() throws Exception {
        Link l = connect(WebSocketLink.Speaks.BINARY);
        l.send(binary("0123456789", false));
        l.send(continuation("abcdef")); // exactly MAX bytes: kept
        assertEquals("message 0123456789abcdef", l.events.next());

        l.send(binary("0123456789", false));
        l.send(continuation("abcdefg")); // one byte over
        assertEquals("dropped too_large", l.events.next());

        l.send(binary("after", true));
        assertEquals("message after", l.events.next(), "the link survives a too-large message, and nothing of it leaks into the next");
        l.socket.abort("done");
    }

    @Test
    void aMessageOfAnUnspokenKindOrThatTheOwnerCannotReadIsMalformed() throws Exception {
        Link binaryOnly = connect(WebSocketLink.Speaks.BINARY);
        // Longer than MAX: an unspoken kind is never buffered, so it is malformed rather than too large.
        binaryOnly.send(new TextWebSocketFrame("a text message well over sixteen chars"));
        assertEquals("dropped malformed", binaryOnly.events.next());
        binaryOnly.send(binary("unreadable", true));
        assertEquals("dropped malformed", binaryOnly.events.next());
        binaryOnly.send(binary("fine", true));
        assertEquals("message fine", binaryOnly.events.next());
        binaryOnly.socket.abort("done");

        Link textOnly = connect(WebSocketLink.Speaks.TEXT);
        textOnly.send(binary("bytes", true));
        assertEquals("dropped malformed", textOnly.events.next());
        textOnly.send(new TextWebSocketFrame("fine"));
        assertEquals("message fine", textOnly.events.next());
        textOnly.socket.abort("done");
    }

    @Test
    void sendsQueueBehindEachOtherInsteadOfFailing() throws Exception {
        Link l = connect(WebSocketLink.Speaks.TEXT);
        fromClient.clear();
        List<CompletableFuture<?>> sends = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            sends.add(l.socket.sendText("m" + i)); // the JDK alone refuses a send while one is outstanding
        }
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        for (int i = 0; i < 200; i++) {
            assertEquals("m" + i, fromClient.poll(10, TimeUnit.SECONDS));
        }
        l.socket.abort("done");
    }

    @Test
    void theLossIsReportedOnceAndLaterSendsFail() throws Exception {
        Link l = connect(WebSocketLink.Speaks.TEXT);
        l.send(new CloseWebSocketFrame(4000, "bye"));
        assertEquals("lost 4000 closed by the test peer: 4000 bye", l.events.next());
        assertTrue(l.socket.isLost());

        l.socket.abort("shutting down");
        assertNull(l.events.lines.poll(), "abort after the peer's close reports nothing more");
        ExecutionException e = assertThrows(ExecutionException.class, () -> l.socket.sendText("late").get(10, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, e.getCause());
        assertEquals("test socket is closed", e.getCause().getMessage());
    }

    @Test
    void abortReportsTheLossItself() throws Exception {
        Link l = connect(WebSocketLink.Speaks.BINARY);
        l.socket.abort("zombie");
        assertEquals("lost 1006 zombie", l.events.next());
        l.socket.abort("again");
        assertNull(l.events.lines.poll());
    }

    @Test
    void dataCountsAsHeardButOnlyPingsAndPongsRefreshThePongClock() throws Exception {
        Link l = connect(WebSocketLink.Speaks.TEXT);
        l.send(new TextWebSocketFrame("opened")); // by its arrival the link's onOpen has run
        assertEquals("message opened", l.events.next());

        long beforeData = System.nanoTime();
        l.send(new TextWebSocketFrame("data"));
        assertEquals("message data", l.events.next());
        assertTrue(lastHeardAt(l.socket) > beforeData, "a data message is a sign of life");
        assertTrue(lastPongAt(l.socket) < beforeData, "a data message is not an answer to a ping");

        long beforePing = System.nanoTime();
        l.send(new PingWebSocketFrame(Unpooled.EMPTY_BUFFER));
        l.send(new TextWebSocketFrame("after the ping")); // frames arrive in order: the ping has been seen
        assertEquals("message after the ping", l.events.next());
        assertTrue(lastPongAt(l.socket) > beforePing, "a ping from the peer proves it alive");
        l.socket.abort("done");
    }

    /** The instant behind an age, never earlier than the real one (the age is read first), so a "before" check cannot pass by rounding. */
    static long lastHeardAt(TestSocket s) {
        long age = s.nanosSinceHeard();
        return System.nanoTime() - age;
    }

    static long lastPongAt(TestSocket s) {
        long age = s.nanosSincePong();
        return System.nanoTime() - age;
    }
}

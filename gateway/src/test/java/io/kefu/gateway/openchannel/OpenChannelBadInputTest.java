package io.kefu.gateway.openchannel;

import static io.kefu.gateway.NodeFixture.T;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.util.JsonFormat;
import io.kefu.gateway.KefuNode;
import io.kefu.gateway.NodeFixture;
import io.kefu.gateway.openchannel.client.OpenChannelClient;
import io.kefu.handlers.testing.RedisExtension;
import io.kefu.proto.v1.ChatMessage;
import io.kefu.proto.v1.ClientFrame;
import io.kefu.proto.v1.ErrorFrame;
import io.kefu.proto.v1.ServerFrame;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Bad input gets a clear error, changes nothing, and does not cost the buyer the connection. */
class OpenChannelBadInputTest {
    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    @TempDir
    Path dataDir;

    private KefuNode node;

    @BeforeEach
    void start() {
        node = NodeFixture.start(redis, dataDir);
    }

    @AfterEach
    void stop() {
        node.close();
    }

    /**
     * Everything a buyer's message could have left in Redis: any per-conversation key, the active
     * index, a handoff queue, the misunderstood stream. (Extensions may keep their own data, e.g.
     * the knowledge base, which bad input must not touch either but which exists from the start.)
     */
    private long conversationData() {
        var r = redis.client();
        return r.keys("kefu:{open:*").size() + r.zcard(io.kefu.handlers.redis.RedisKeys.activeIndex())
                + r.keys("kefu:queue:*").size() + (r.exists(io.kefu.handlers.redis.RedisKeys.misunderstood()) ? 1 : 0);
    }

    private long counter(String line) {
        return node.metrics().render().lines().filter(l -> l.startsWith(line + " "))
                .mapToLong(l -> Long.parseLong(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void malformedFrameGetsAnErrorFrameTheConnectionStaysUpAndTheCounterRises() throws Exception {
        try (OpenChannelClient buyer = NodeFixture.buyer(node, "b-bad")) {
            buyer.writeRaw(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {(byte) 0xff, (byte) 0xff, 0x7f})));
            ErrorFrame e = buyer.nextError(T);
            assertNotNull(e);
            assertEquals(ErrorFrame.Code.MALFORMED_FRAME, e.getCode());
            assertEquals(0, conversationData(), "nothing reached Redis");
            assertEquals(1, counter("kefu_dropped_frames_total{channel=\"demo\",reason=\"malformed\"}"));
            // still usable
            buyer.send("ok-1", "在吗").get();
            assertEquals("ok-1", buyer.nextReply(T).getInReplyTo());
        }
    }

    @Test
    void frameOver64KiBIsRefusedAndNothingIsStored() throws Exception {
        try (OpenChannelClient buyer = NodeFixture.buyer(node, "b-big")) {
            String huge = "退".repeat(30_000); // 90 KB of UTF-8
            buyer.write(ClientFrame.newBuilder().setMessage(ChatMessage.newBuilder().setClientMsgId("big-1").setText(huge)).build());
            buyer.closed().get(10, TimeUnit.SECONDS);
            assertFalse(buyer.isOpen(), "refused: the server closes with 1009");
        }
        assertEquals(0, conversationData());
        org.awaitility.Awaitility.await().atMost(T).until(() -> counter("kefu_dropped_frames_total{channel=\"demo\",reason=\"too_large\"}") == 1);
    }

    @Test
    void fragmentsAddingUpToMoreThan64KiBAreRefusedToo() throws Exception {
        try (OpenChannelClient buyer = NodeFixture.buyer(node, "b-frag")) {
            byte[] part = new byte[40 * 1024];
            buyer.writeRaw(new BinaryWebSocketFrame(false, 0, Unpooled.wrappedBuffer(part)));
            buyer.writeRaw(new ContinuationWebSocketFrame(true, 0, Unpooled.wrappedBuffer(part)));
            buyer.closed().get(10, TimeUnit.SECONDS);
        }
        assertEquals(0, conversationData());
    }

    @Test
    void wrongOrMissingTokenAndUnknownChannelAreRefusedAtTheHandshake() {
        var wrong = assertThrows(OpenChannelClient.HandshakeRefused.class, () ->
                OpenChannelClient.connect(OpenChannelClient.uri("127.0.0.1", node.port(), "demo"), "not-the-token", T));
        assertEquals(401, wrong.status());
        assertTrue(wrong.getMessage().contains("wrong token"), wrong.getMessage());
        var missing = assertThrows(OpenChannelClient.HandshakeRefused.class, () ->
                OpenChannelClient.connect(OpenChannelClient.uri("127.0.0.1", node.port(), "demo"), null, T));
        assertEquals(401, missing.status());
        assertTrue(missing.getMessage().contains("missing token"), missing.getMessage());
        var unknown = assertThrows(OpenChannelClient.HandshakeRefused.class, () ->
                OpenChannelClient.connect(OpenChannelClient.uri("127.0.0.1", node.port(), "no-such-channel"), "demo-token", T));
        assertEquals(404, unknown.status());
        assertEquals(0, conversationData());
        assertEquals(1, counter("kefu_handshakes_rejected_total{reason=\"wrong_token\"}"));
        assertEquals(1, counter("kefu_handshakes_rejected_total{reason=\"missing_token\"}"));
        assertEquals(1, counter("kefu_handshakes_rejected_total{reason=\"unknown_channel\"}"));
    }

    @Test
    void plainHttpOnTheChannelPathIsABadRequest() throws Exception {
        HttpResponse<String> res = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + node.port() + "/channel/open/demo?token=demo-token")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, res.statusCode());
        assertTrue(res.body().contains("WebSocket upgrade"), res.body());
    }

    @Test
    void invalidMessagesAreRefusedWithTheReasonAndNotStored() throws Exception {
        try (OpenChannelClient raw = OpenChannelClient.connect(OpenChannelClient.uri("127.0.0.1", node.port(), "demo"), "demo-token", T)) {
            var beforeAuth = raw.send("early-1", "hello");
            ExecutionException e = assertThrows(ExecutionException.class, () -> beforeAuth.get(10, TimeUnit.SECONDS));
            assertTrue(e.getCause().getMessage().startsWith("NOT_AUTHENTICATED"), e.getCause().getMessage());
            assertEquals(ErrorFrame.Code.NOT_AUTHENTICATED, raw.nextError(T).getCode());
            raw.auth("b-invalid", T);
            assertRefused(raw, "has spaces in it", "hi", ErrorFrame.Code.BAD_REQUEST);
            assertRefused(raw, "x".repeat(129), "hi", ErrorFrame.Code.BAD_REQUEST);
            assertRefused(raw, "long-text", "a".repeat(4001), ErrorFrame.Code.TOO_LARGE);
            assertRefused(raw, "empty", "   ", ErrorFrame.Code.BAD_REQUEST);
        }
        assertEquals(0, conversationData());
    }

    @Test
    void badBuyerIdIsRefused() throws Exception {
        try (OpenChannelClient raw = OpenChannelClient.connect(OpenChannelClient.uri("127.0.0.1", node.port(), "demo"), "demo-token", T)) {
            raw.write(ClientFrame.newBuilder().setAuth(io.kefu.proto.v1.Auth.newBuilder().setBuyerId("{evil}key")).build());
            assertEquals(ErrorFrame.Code.BAD_REQUEST, raw.nextError(T).getCode());
        }
        assertEquals(0, conversationData());
    }

    @Test
    void browsersSpeakProtobufJsonOnTextFramesAndGetJsonBack() throws Exception {
        try (OpenChannelClient json = OpenChannelClient.connect(OpenChannelClient.uri("127.0.0.1", node.port(), "demo"), "demo-token", T)) {
            json.writeRaw(new TextWebSocketFrame("{\"auth\":{\"buyerId\":\"b-json\"}}"));
            json.writeRaw(new TextWebSocketFrame("{\"message\":{\"clientMsgId\":\"j-1\",\"text\":\"有优惠券吗\"}}"));
            var reply = json.nextReply(T);
            assertNotNull(reply);
            assertEquals("j-1", reply.getInReplyTo());
        }
    }

    private static void assertRefused(OpenChannelClient c, String id, String text, ErrorFrame.Code code) throws Exception {
        c.write(ClientFrame.newBuilder().setMessage(ChatMessage.newBuilder().setClientMsgId(id).setText(text)).build());
        ErrorFrame e = c.nextError(T);
        assertNotNull(e, "an error for " + id);
        assertEquals(code, e.getCode(), e.getMessage());
        assertFalse(e.getMessage().isBlank());
    }

    static ServerFrame parseJson(String s) throws Exception {
        ServerFrame.Builder b = ServerFrame.newBuilder();
        JsonFormat.parser().merge(s, b);
        return b.build();
    }
}

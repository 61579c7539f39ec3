package io.kefu.gateway.openchannel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.util.JsonFormat;
import io.kefu.proto.v1.Ack;
import io.kefu.proto.v1.ChatMessage;
import io.kefu.proto.v1.ClientFrame;
import io.kefu.proto.v1.ErrorFrame;
import io.kefu.proto.v1.Reply;
import io.kefu.proto.v1.ServerFrame;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenChannelFrameCodecTest {
    private final List<String> dropped = new ArrayList<>();
    private final EmbeddedChannel ch = new EmbeddedChannel(new OpenChannelFrameCodec(dropped::add));

    @Test
    void decodesBinaryProtobufAndAnswersInBinary() throws Exception {
        ClientFrame sent = ClientFrame.newBuilder().setMessage(ChatMessage.newBuilder().setClientMsgId("m-1").setText("在吗")).build();
        ch.writeInbound(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(sent.toByteArray())));
        assertEquals(sent, ch.readInbound());

        ch.writeOutbound(ServerFrame.newBuilder().setAck(Ack.newBuilder().setId("m-1")).build());
        WebSocketFrame out = ch.readOutbound();
        assertInstanceOf(BinaryWebSocketFrame.class, out);
        assertEquals("m-1", ServerFrame.parseFrom(new ByteBufInputStream(out.content(), true)).getAck().getId());
    }

    @Test
    void decodesProtobufJsonOnTextFramesAndAnswersInJson() throws Exception {
        ch.writeInbound(new TextWebSocketFrame("{\"message\":{\"clientMsgId\":\"m-2\",\"text\":\"where is my parcel\"}}"));
        ClientFrame in = ch.readInbound();
        assertEquals("m-2", in.getMessage().getClientMsgId());
        assertEquals("where is my parcel", in.getMessage().getText());

        ch.writeOutbound(ServerFrame.newBuilder().setReply(Reply.newBuilder().setId("r-1").setText("<b>hi</b>").setSeq(3)).build());
        TextWebSocketFrame out = ch.readOutbound();
        ServerFrame.Builder b = ServerFrame.newBuilder();
        JsonFormat.parser().merge(out.text(), b);
        assertEquals("<b>hi</b>", b.getReply().getText());
        assertTrue(out.text().contains("\"seq\":\"3\""), "int64 as a JSON string per the protobuf JSON mapping: " + out.text());
        out.release();
    }

    @Test
    void malformedBinaryFrameIsAnsweredWithAnErrorAndTheConnectionStaysUp() {
        ch.writeInbound(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {(byte) 0xff, 0x01, 0x02, 0x03})));
        assertNull(ch.readInbound(), "nothing malformed reaches the handler");
        assertMalformedErrorWritten();
        assertTrue(ch.isActive());
        assertEquals(List.of("malformed"), dropped);
    }

    @Test
    void malformedJsonAndUnknownFieldsAreRefused() {
        ch.writeInbound(new TextWebSocketFrame("{\"message\": {\"clientMsgId\": "));
        ch.writeInbound(new TextWebSocketFrame("{\"bogus\": 1}"));
        ch.writeInbound(new TextWebSocketFrame("not json at all"));
        assertNull(ch.readInbound());
        for (int i = 0; i < 3; i++) {
            assertMalformedErrorWritten();
        }
        assertTrue(ch.isActive());
        assertEquals(3, dropped.size());
    }

    @Test
    void aValidFrameAfterAMalformedOneStillWorks() {
        ch.writeInbound(new TextWebSocketFrame("{{{"));
        assertMalformedErrorWritten();
        ch.writeInbound(new TextWebSocketFrame("{\"ping\":{\"nonce\":\"7\"}}"));
        ClientFrame in = ch.readInbound();
        assertEquals(7L, in.getPing().getNonce());
    }

    private void assertMalformedErrorWritten() {
        WebSocketFrame out = ch.readOutbound();
        try {
            ServerFrame f;
            if (out instanceof TextWebSocketFrame t) {
                ServerFrame.Builder b = ServerFrame.newBuilder();
                JsonFormat.parser().merge(t.text(), b);
                f = b.build();
            } else {
                f = ServerFrame.parseFrom(new ByteBufInputStream(out.content()));
            }
            assertEquals(ErrorFrame.Code.MALFORMED_FRAME, f.getError().getCode());
            assertTrue(!f.getError().getRetryable());
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            out.release();
        }
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}

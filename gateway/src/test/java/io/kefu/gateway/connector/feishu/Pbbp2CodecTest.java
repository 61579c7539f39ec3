package io.kefu.gateway.connector.feishu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import io.kefu.gateway.connector.JsonHttpClient;
import io.kefu.proto.feishu.Frame;
import io.kefu.proto.feishu.Header;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Pbbp2CodecTest {

    static Frame event(String messageId, String payload) {
        return Frame.newBuilder().setSeqID(7).setLogID(9_000_000_000L).setService(33).setMethod(Pbbp2Codec.METHOD_DATA)
                .addHeaders(Header.newBuilder().setKey("type").setValue("event"))
                .addHeaders(Header.newBuilder().setKey("message_id").setValue(messageId))
                .addHeaders(Header.newBuilder().setKey("sum").setValue("1"))
                .addHeaders(Header.newBuilder().setKey("seq").setValue("0"))
                .addHeaders(Header.newBuilder().setKey("trace_id").setValue("t-1"))
                .setPayload(ByteString.copyFromUtf8(payload)).setLogIDNew("log-new-1").build();
    }

    @Test
    void roundTripKeepsEveryField() throws Exception {
        Frame f = event("m-1", "{\"schema\":\"2.0\"}");
        Frame back = Pbbp2Codec.decode(f.toByteArray());
        assertEquals(f, back);
        assertEquals(9_000_000_000L, back.getLogID());
        assertEquals("m-1", Pbbp2Codec.header(back, "message_id"));
        assertEquals(1, Pbbp2Codec.intHeader(back, "sum", 0));
        assertNull(Pbbp2Codec.header(back, "biz_rt"));
    }

    /** Written field by field in an order protoc would not use: still the same frame (parse, don't compare bytes). */
    @Test
    void readsAFrameEncodedDifferently() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(buf);
        out.writeBytes(8, ByteString.copyFromUtf8("{}"));
        out.writeMessage(5, Header.newBuilder().setKey("type").setValue("pong").build());
        out.writeInt32(4, 0);
        out.writeInt32(3, 5);
        out.writeUInt64(2, 0);
        out.writeUInt64(1, 0);
        out.flush();
        Frame f = Pbbp2Codec.decode(buf.toByteArray());
        assertEquals(Pbbp2Codec.METHOD_CONTROL, f.getMethod());
        assertEquals("pong", Pbbp2Codec.header(f, "type"));
        assertEquals("{}", f.getPayload().toStringUtf8());
    }

    @Test
    void pingIsAControlFrameForTheService() throws Exception {
        Frame p = Pbbp2Codec.decode(Pbbp2Codec.ping(42).toByteArray());
        assertEquals(Pbbp2Codec.METHOD_CONTROL, p.getMethod());
        assertEquals(42, p.getService());
        assertEquals("ping", Pbbp2Codec.header(p, "type"));
    }

    @Test
    void ackIsTheSameFrameWithBizRtAndACode200Payload() throws Exception {
        Frame f = event("m-2", "{\"big\":\"event\"}");
        Frame ack = Pbbp2Codec.decode(Pbbp2Codec.ack(f, 200, 17).toByteArray());
        assertEquals(f.getSeqID(), ack.getSeqID());
        assertEquals(f.getLogID(), ack.getLogID());
        assertEquals(f.getService(), ack.getService());
        assertEquals(f.getMethod(), ack.getMethod());
        assertEquals("m-2", Pbbp2Codec.header(ack, "message_id"));
        assertEquals("t-1", Pbbp2Codec.header(ack, "trace_id"));
        assertEquals("17", Pbbp2Codec.header(ack, "biz_rt"));
        JsonNode body = JsonHttpClient.JSON.readTree(ack.getPayload().toByteArray());
        assertEquals(200, body.path("code").asInt());
        assertEquals(true, body.path("headers").isObject());
        // Acking twice does not pile up biz_rt headers.
        Frame again = Pbbp2Codec.ack(ack, 200, 3);
        assertEquals(1, again.getHeadersList().stream().filter(h -> h.getKey().equals("biz_rt")).count());
    }

    @Test
    void junkAndIncompleteFramesAreMalformed() {
        var junk = assertThrows(Pbbp2Codec.MalformedFrameException.class,
                () -> Pbbp2Codec.decode("definitely not protobuf".getBytes(StandardCharsets.UTF_8)));
        assertEquals("malformed", junk.reason());
        // Valid protobuf, but without the required SeqID/LogID/service/method.
        byte[] partial = Frame.newBuilder().setSeqID(1).setLogID(1).setService(1).buildPartial().toByteArray();
        assertEquals("malformed", assertThrows(Pbbp2Codec.MalformedFrameException.class, () -> Pbbp2Codec.decode(partial)).reason());
        byte[] badMethod = Frame.newBuilder().setSeqID(1).setLogID(1).setService(1).setMethod(7).build().toByteArray();
        assertThrows(Pbbp2Codec.MalformedFrameException.class, () -> Pbbp2Codec.decode(badMethod));
        assertEquals("too_large", assertThrows(Pbbp2Codec.MalformedFrameException.class,
                () -> Pbbp2Codec.decode(new byte[Pbbp2Codec.MAX_FRAME_BYTES + 1])).reason());
        Frame badSum = event("m", "{}").toBuilder().addHeaders(Header.newBuilder().setKey("seq2").setValue("x"))
                .setHeaders(2, Header.newBuilder().setKey("sum").setValue("two")).build();
        assertThrows(Pbbp2Codec.MalformedFrameException.class, () -> Pbbp2Codec.intHeader(badSum, "sum", 1));
    }
}

package io.kefu.gateway.orderfeed.pinduoduo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class PushFrameCodecTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void decodesAnEventWithStringContent() throws Exception {
        PushFrame f = PushFrameCodec.decode("""
                {"id":7001,"commandType":"Common","time":1700000000000,"sendTime":1700000000123,
                 "message":{"type":"pdd_trade_TradeConfirmed","mallID":42,"content":"{\\"tid\\":\\"O1\\"}"}}""");
        assertEquals(PushFrame.COMMON, f.commandType());
        assertEquals("7001", f.idText());
        assertEquals(1_700_000_000_000L, f.time());
        assertEquals("pdd_trade_TradeConfirmed", f.type());
        assertEquals("42", f.mallIdText());
        assertEquals("{\"tid\":\"O1\"}", f.content());
    }

    @Test
    void acceptsNestedContentAndNumericStrings() throws Exception {
        PushFrame f = PushFrameCodec.decode("""
                {"id":"a-1","commandType":"Common","time":"1700000000000","message":{"type":"t","mallID":"42","content":{"tid":"O2"}}}""");
        assertEquals("a-1", f.idText());
        assertEquals(1_700_000_000_000L, f.time());
        assertEquals("O2", JSON.readTree(f.content()).path("tid").asText());
    }

    @Test
    void ackEchoesIdSendTimeTypeAndMallAsTheyCame() throws Exception {
        PushFrame f = PushFrameCodec.decode("""
                {"id":7001,"commandType":"Common","time":1,"sendTime":1700000000123,"message":{"type":"x","mallID":42,"content":"{}"}}""");
        JsonNode ack = JSON.readTree(PushFrameCodec.ack(f, 99));
        assertEquals("Ack", ack.path("commandType").asText());
        assertTrue(ack.path("id").isNumber());
        assertEquals(7001, ack.path("id").asLong());
        assertEquals(1_700_000_000_123L, ack.path("sendTime").asLong());
        assertEquals("x", ack.path("type").asText());
        assertEquals(42, ack.path("mallID").asInt());
        assertEquals(99, ack.path("time").asLong());
    }

    @Test
    void heartbeatIsCommandTypeAndTime() throws Exception {
        JsonNode hb = JSON.readTree(PushFrameCodec.heartbeat(5));
        assertEquals("HeartBeat", hb.path("commandType").asText());
        assertEquals(5, hb.path("time").asLong());
    }

    @Test
    void unreadableFramesAreMalformed() {
        for (String bad : new String[] {"{", "[]", "42", "{\"id\":1}", "{\"commandType\":\"Common\",\"message\":{}}",
                "{\"commandType\":\"Common\",\"id\":{},\"message\":{}}"}) {
            assertThrows(PushFrameCodec.MalformedFrameException.class, () -> PushFrameCodec.decode(bad), bad);
        }
    }
}

package io.kefu.gateway.orderfeed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** top-link v2 frames: the layout byte for byte on a small frame, round trips, and malformed input refused. */
class TopFrameCodecTest {
    @Test
    void layoutIsLittleEndianWithCountedStrings() {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("id", 7L);
        byte[] b = TopFrameCodec.encode(TopFrame.of(TopFrame.SEND, "t", h));
        assertArrayEquals(new byte[] {2, 2, 5, 0, 1, 0, 0, 0, 't', 1, 0, 2, 0, 0, 0, 'i', 'd', 5, 7, 0, 0, 0, 0, 0, 0, 0, 0, 0}, b);
    }

    @Test
    void roundTripsEveryValueType() throws Exception {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("__kind", (short) 3);
        h.put("id", 9_000_000_001L);
        h.put("topic", "taobao_trade_TradeCreate");
        h.put("content", "{\"tid\":\"1\",\"desc\":\"中文\"}");
        h.put("time", new Date(1_700_000_000_000L));
        h.put("b", (byte) 1);
        h.put("i", 42);
        h.put("v", null);
        TopFrame f = TopFrameCodec.decode(ByteBuffer.wrap(TopFrameCodec.encode(new TopFrame(TopFrame.SEND, 0, "ok", 5, "tok", h))));
        assertEquals(3, f.kind());
        assertEquals("tok", f.token());
        assertEquals(h.keySet(), f.custom().keySet());
        assertEquals(9_000_000_001L, f.custom().get("id"));
        assertEquals("{\"tid\":\"1\",\"desc\":\"中文\"}", f.text("content"));
        assertEquals(new Date(1_700_000_000_000L), f.custom().get("time"));
    }

    @Test
    void malformedFramesAreRefused() {
        byte[] good = TopFrameCodec.encode(TopFrame.of(TopFrame.SEND, "t", Map.of("topic", "x")));
        assertThrows(TopFrameCodec.MalformedFrameException.class, () -> TopFrameCodec.decode(ByteBuffer.wrap(new byte[] {1, 2, 0, 0})));
        assertThrows(TopFrameCodec.MalformedFrameException.class,
                () -> TopFrameCodec.decode(ByteBuffer.wrap(java.util.Arrays.copyOf(good, good.length - 3))));
        assertThrows(TopFrameCodec.MalformedFrameException.class, () -> TopFrameCodec.decode(ByteBuffer.wrap(
                new byte[] {2, 2, 1, 0, (byte) 0xff, (byte) 0xff, 0, 0x7f})));
        assertThrows(TopFrameCodec.MalformedFrameException.class, () -> TopFrameCodec.decode(ByteBuffer.wrap(new byte[] {2, 9, 0, 0})));
        assertThrows(TopFrameCodec.MalformedFrameException.class,
                () -> TopFrameCodec.decode(ByteBuffer.allocate(TopFrameCodec.MAX_FRAME_BYTES + 1)));
    }
}

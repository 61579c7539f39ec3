package io.kefu.gateway.openchannel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebSocketControlHandlerTest {
    private final List<String> refused = new ArrayList<>();
    private final EmbeddedChannel ch = new EmbeddedChannel(new WebSocketControlHandler(refused::add));

    @Test
    void answersPingWithPongCarryingTheSamePayload() {
        ch.writeInbound(new PingWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {1, 2, 3})));
        PongWebSocketFrame pong = ch.readOutbound();
        assertEquals(3, pong.content().readableBytes());
        assertEquals(2, pong.content().getByte(1));
        pong.release();
        assertNull(ch.readInbound());
    }

    @Test
    void dataFramesPassThrough() {
        BinaryWebSocketFrame f = new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {9}));
        ch.writeInbound(f);
        assertSame(f, ch.readInbound());
        f.release();
    }

    @Test
    void oversizedMessageIsRefusedWithCloseCode1009AndCounted() {
        ch.pipeline().fireExceptionCaught(new TooLongFrameException("WebSocketFrameAggregator: content length exceeded 65536"));
        CloseWebSocketFrame close = ch.readOutbound();
        assertInstanceOf(CloseWebSocketFrame.class, close);
        assertEquals(WebSocketCloseStatus.MESSAGE_TOO_BIG.code(), close.statusCode());
        close.release();
        assertEquals(List.of("too_large"), refused);
        assertFalse(ch.isOpen());
    }

    @Test
    void closeFrameIsEchoedAndTheConnectionClosed() {
        ch.writeInbound(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE, "bye"));
        CloseWebSocketFrame echoed = ch.readOutbound();
        assertEquals(1000, echoed.statusCode());
        echoed.release();
        assertFalse(ch.isOpen());
    }
}

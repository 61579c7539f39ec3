package io.kefu.sandbox.sim.slack;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.nio.charset.StandardCharsets;

/** The simulator's end of one Socket Mode connection. */
final class SlackSimSocket {
    final int id;
    final Channel channel;
    volatile boolean helloSent;
    /** Sent a disconnect warning: no new envelopes go here. */
    volatile boolean warned;

    SlackSimSocket(int id, Channel channel) {
        this.id = id;
        this.channel = channel;
    }

    boolean open() {
        return channel.isActive();
    }

    void send(String text) {
        channel.writeAndFlush(new TextWebSocketFrame(text));
    }

    /** One text message as {@code parts} WebSocket fragments (continuation frames). */
    void sendFragmented(String text, int parts) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        int n = Math.max(1, Math.min(parts, b.length));
        int size = (b.length + n - 1) / n;
        for (int i = 0, off = 0; off < b.length; i++, off += size) {
            int len = Math.min(size, b.length - off);
            boolean last = off + len >= b.length;
            var buf = Unpooled.copiedBuffer(b, off, len);
            channel.write(i == 0 ? new TextWebSocketFrame(last, 0, buf) : new ContinuationWebSocketFrame(last, 0, buf));
        }
        channel.flush();
    }

    void sendBinary(byte[] data) {
        channel.writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(data)));
    }

    void closeWith(int code, String reason) {
        channel.writeAndFlush(new CloseWebSocketFrame(code, reason)).addListener(f -> channel.close());
    }

    void drop() {
        channel.close();
    }
}

package io.kefu.sandbox.sim.feishu;

import io.kefu.proto.feishu.Frame;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;

/** The simulator's end of one long connection. */
final class FeishuSimSocket {
    final int id;
    final int serviceId;
    final Channel channel;

    FeishuSimSocket(int id, int serviceId, Channel channel) {
        this.id = id;
        this.serviceId = serviceId;
        this.channel = channel;
    }

    boolean open() {
        return channel.isActive();
    }

    void send(Frame frame) {
        sendBytes(frame.toByteArray());
    }

    void sendBytes(byte[] bytes) {
        channel.writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(bytes)));
    }

    void closeWith(int code, String reason) {
        channel.writeAndFlush(new CloseWebSocketFrame(code, reason)).addListener(f -> channel.close());
    }
}

package io.kefu.gateway.openchannel;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.kefu.proto.v1.ClientFrame;
import io.kefu.proto.v1.ErrorFrame;
import io.kefu.proto.v1.ServerFrame;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

/**
 * WebSocket data frames ↔ open-channel messages. A frame that does not parse is answered with an
 * error frame and counted; the connection stays up (one bad frame from a buggy client must not
 * cost the buyer their conversation). Control frames are handled before this codec.
 */
public final class OpenChannelFrameCodec extends MessageToMessageCodec<WebSocketFrame, ServerFrame> {
    private static final JsonFormat.Parser JSON_IN = JsonFormat.parser();
    private static final JsonFormat.Printer JSON_OUT = JsonFormat.printer().omittingInsignificantWhitespace();

    private final Consumer<String> onMalformed;

    /** @param onMalformed told the reason of each dropped frame (for metrics) */
    public OpenChannelFrameCodec(Consumer<String> onMalformed) {
        this.onMalformed = onMalformed;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, WebSocketFrame frame, List<Object> out) {
        try {
            if (frame instanceof BinaryWebSocketFrame) {
                ctx.channel().attr(FrameEncoding.KEY).set(FrameEncoding.BINARY);
                out.add(ClientFrame.parseFrom(new ByteBufInputStream(frame.content())));
            } else if (frame instanceof TextWebSocketFrame text) {
                ctx.channel().attr(FrameEncoding.KEY).set(FrameEncoding.JSON);
                ClientFrame.Builder b = ClientFrame.newBuilder();
                JSON_IN.merge(text.text(), b);
                out.add(b.build());
            } else {
                malformed(ctx, "unexpected frame type " + frame.getClass().getSimpleName());
            }
        } catch (InvalidProtocolBufferException e) {
            malformed(ctx, "cannot parse frame: " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            malformed(ctx, "cannot read frame: " + e.getMessage());
        }
    }

    private void malformed(ChannelHandlerContext ctx, String why) {
        onMalformed.accept("malformed");
        // Through the whole pipeline (not ctx.write, which would skip this codec's own encoder).
        ctx.channel().writeAndFlush(ServerFrame.newBuilder().setError(ErrorFrame.newBuilder()
                .setCode(ErrorFrame.Code.MALFORMED_FRAME).setMessage(truncate(why)).setRetryable(false)).build());
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, ServerFrame msg, List<Object> out) throws Exception {
        FrameEncoding enc = ctx.channel().attr(FrameEncoding.KEY).get();
        if (enc == FrameEncoding.JSON) {
            out.add(new TextWebSocketFrame(JSON_OUT.print(msg)));
        } else {
            out.add(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(msg.toByteArray())));
        }
    }

    static String truncate(String s) {
        String v = s == null ? "" : s;
        return v.length() > 300 ? v.substring(0, 300) + "…" : v;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}

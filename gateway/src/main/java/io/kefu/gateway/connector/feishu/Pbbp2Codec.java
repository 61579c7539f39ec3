package io.kefu.gateway.connector.feishu;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.kefu.proto.feishu.Frame;
import io.kefu.proto.feishu.Header;
import java.nio.charset.StandardCharsets;

/**
 * Reading and writing {@code pbbp2.Frame}s (PLATFORMS.md §2). Frames are parsed, never compared
 * byte for byte: SDKs encode the same frame differently (field order, empty optionals).
 */
public final class Pbbp2Codec {
    public static final int METHOD_CONTROL = 0;
    public static final int METHOD_DATA = 1;
    public static final String TYPE = "type";
    public static final String MESSAGE_ID = "message_id";
    public static final String SUM = "sum";
    public static final String SEQ = "seq";
    public static final String TRACE_ID = "trace_id";
    public static final String BIZ_RT = "biz_rt";
    /** A frame larger than this is not parsed (a whole event is far smaller; fragments are smaller still). */
    public static final int MAX_FRAME_BYTES = 2 * 1024 * 1024;

    private Pbbp2Codec() {
    }

    /** Why a binary message is not a usable frame. */
    public static final class MalformedFrameException extends Exception {
        private final String reason;

        MalformedFrameException(String reason, String message) {
            super(message);
            this.reason = reason;
        }

        /** The {@code kefu_connector_dropped_total} reason label. */
        public String reason() {
            return reason;
        }
    }

    public static Frame decode(byte[] bytes) throws MalformedFrameException {
        if (bytes.length > MAX_FRAME_BYTES) {
            throw new MalformedFrameException("too_large", "frame of " + bytes.length + " bytes");
        }
        try {
            // parseFrom checks the proto2 required fields: a frame without SeqID/LogID/service/method is refused.
            Frame f = Frame.parseFrom(bytes);
            if (f.getMethod() != METHOD_CONTROL && f.getMethod() != METHOD_DATA) {
                throw new MalformedFrameException("malformed", "unknown method " + f.getMethod());
            }
            return f;
        } catch (InvalidProtocolBufferException e) {
            throw new MalformedFrameException("malformed", "not a pbbp2 frame: " + e.getMessage());
        }
    }

    /** The first header named {@code key}, or null. */
    public static String header(Frame f, String key) {
        for (Header h : f.getHeadersList()) {
            if (h.getKey().equals(key)) {
                return h.getValue();
            }
        }
        return null;
    }

    /** A numeric header, or {@code fallback} when absent; throws when present but not a number. */
    public static int intHeader(Frame f, String key, int fallback) throws MalformedFrameException {
        String v = header(f, key);
        if (v == null || v.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new MalformedFrameException("malformed", "header " + key + " is not a number: " + v);
        }
    }

    /** The heartbeat: a CONTROL frame for the connection's service with {@code type=ping}. */
    public static Frame ping(int serviceId) {
        return Frame.newBuilder().setSeqID(0).setLogID(0).setService(serviceId).setMethod(METHOD_CONTROL)
                .addHeaders(Header.newBuilder().setKey(TYPE).setValue("ping")).build();
    }

    /**
     * The acknowledgement of a DATA frame: the same frame sent back, its headers plus {@code biz_rt}
     * (milliseconds spent), the payload replaced by {@code {"code":…,"headers":{},"data":null}}.
     */
    public static Frame ack(Frame received, int code, long bizRtMillis) {
        Frame.Builder b = received.toBuilder().clearHeaders().clearPayload();
        for (Header h : received.getHeadersList()) {
            if (!h.getKey().equals(BIZ_RT)) {
                b.addHeaders(h);
            }
        }
        b.addHeaders(Header.newBuilder().setKey(BIZ_RT).setValue(Long.toString(Math.max(0, bizRtMillis))));
        String body = "{\"code\":" + code + ",\"headers\":{},\"data\":null}";
        return b.setPayload(ByteString.copyFrom(body, StandardCharsets.UTF_8)).build();
    }
}

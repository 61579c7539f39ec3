package io.kefu.gateway.orderfeed;

import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * top-link v2 binary frames, little-endian: {@code byte version(2) | byte messageType |
 * (int16 headerType …)* | int16 0}. Decoding checks every length against what is left and refuses
 * anything doubtful with {@link MalformedFrameException}, so a bad frame is a counted drop and
 * never a dead connection.
 */
final class TopFrameCodec {
    static final int VERSION = 2;
    static final int MAX_FRAME_BYTES = 1024 * 1024;
    private static final int H_END = 0, H_CUSTOM = 1, H_STATUS_CODE = 2, H_STATUS_PHRASE = 3, H_FLAG = 4, H_TOKEN = 5;
    private static final int V_VOID = 0, V_STRING = 1, V_BYTE = 2, V_INT16 = 3, V_INT32 = 4, V_INT64 = 5, V_DATE = 6, V_BYTES = 7;

    static final class MalformedFrameException extends Exception {
        MalformedFrameException(String m) {
            super(m);
        }
    }

    private TopFrameCodec() {
    }

    static byte[] encode(TopFrame f) {
        Out out = new Out();
        out.b(VERSION);
        out.b(f.messageType());
        if (f.statusCode() != null) {
            out.i16(H_STATUS_CODE);
            out.i32(f.statusCode());
        }
        if (f.statusPhrase() != null) {
            out.i16(H_STATUS_PHRASE);
            out.str(f.statusPhrase());
        }
        if (f.flag() != null) {
            out.i16(H_FLAG);
            out.i32(f.flag());
        }
        if (f.token() != null) {
            out.i16(H_TOKEN);
            out.str(f.token());
        }
        for (Map.Entry<String, Object> e : f.custom().entrySet()) {
            out.i16(H_CUSTOM);
            out.str(e.getKey());
            Object v = e.getValue();
            if (v == null) {
                out.b(V_VOID);
            } else if (v instanceof String s) {
                out.b(V_STRING);
                out.str(s);
            } else if (v instanceof Byte b) {
                out.b(V_BYTE);
                out.b(b);
            } else if (v instanceof Short s) {
                out.b(V_INT16);
                out.i16(s);
            } else if (v instanceof Integer i) {
                out.b(V_INT32);
                out.i32(i);
            } else if (v instanceof Long l) {
                out.b(V_INT64);
                out.i64(l);
            } else if (v instanceof Date d) {
                out.b(V_DATE);
                out.i64(d.getTime());
            } else if (v instanceof byte[] bytes) {
                out.b(V_BYTES);
                out.i32(bytes.length);
                out.raw(bytes);
            } else {
                throw new IllegalArgumentException("no top-link type for " + v.getClass());
            }
        }
        out.i16(H_END);
        return out.toByteArray();
    }

    static TopFrame decode(ByteBuffer data) throws MalformedFrameException {
        if (data.remaining() > MAX_FRAME_BYTES) {
            throw new MalformedFrameException("frame of " + data.remaining() + " bytes is over " + MAX_FRAME_BYTES);
        }
        ByteBuffer in = data.slice().order(ByteOrder.LITTLE_ENDIAN);
        try {
            int version = in.get();
            if (version != VERSION) {
                throw new MalformedFrameException("protocol version " + version + ", expected " + VERSION);
            }
            int type = in.get();
            if (type < CONNECT_MIN || type > SENDACK_MAX) {
                throw new MalformedFrameException("unknown message type " + type);
            }
            Integer status = null, flag = null;
            String phrase = null, token = null;
            Map<String, Object> custom = new LinkedHashMap<>();
            while (true) {
                int h = in.getShort();
                switch (h) {
                    case H_END -> {
                        if (in.hasRemaining()) {
                            throw new MalformedFrameException(in.remaining() + " bytes after the end of headers");
                        }
                        return new TopFrame(type, status, phrase, flag, token, custom);
                    }
                    case H_CUSTOM -> {
                        String name = str(in);
                        custom.put(name, value(in));
                    }
                    case H_STATUS_CODE -> status = in.getInt();
                    case H_STATUS_PHRASE -> phrase = str(in);
                    case H_FLAG -> flag = in.getInt();
                    case H_TOKEN -> token = str(in);
                    default -> throw new MalformedFrameException("unknown header type " + h);
                }
            }
        } catch (BufferUnderflowException e) {
            throw new MalformedFrameException("frame ends in the middle of a header");
        }
    }

    private static final int CONNECT_MIN = TopFrame.CONNECT;
    private static final int SENDACK_MAX = TopFrame.SENDACK;

    private static Object value(ByteBuffer in) throws MalformedFrameException {
        int t = in.get();
        return switch (t) {
            case V_VOID -> null;
            case V_STRING -> str(in);
            case V_BYTE -> in.get();
            case V_INT16 -> in.getShort();
            case V_INT32 -> in.getInt();
            case V_INT64 -> in.getLong();
            case V_DATE -> new Date(in.getLong());
            case V_BYTES -> {
                int n = in.getInt();
                if (n < 0 || n > in.remaining()) {
                    throw new MalformedFrameException("byte array length " + n + " exceeds the frame");
                }
                byte[] b = new byte[n];
                in.get(b);
                yield b;
            }
            default -> throw new MalformedFrameException("unknown value type " + t);
        };
    }

    private static String str(ByteBuffer in) throws MalformedFrameException {
        int n = in.getInt();
        if (n < 0 || n > in.remaining()) {
            throw new MalformedFrameException("string length " + n + " exceeds the frame");
        }
        byte[] b = new byte[n];
        in.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private static final class Out extends ByteArrayOutputStream {
        void b(int v) {
            write(v);
        }

        void i16(int v) {
            write(v & 0xff);
            write((v >>> 8) & 0xff);
        }

        void i32(int v) {
            for (int i = 0; i < 4; i++) {
                write((v >>> (8 * i)) & 0xff);
            }
        }

        void i64(long v) {
            for (int i = 0; i < 8; i++) {
                write((int) ((v >>> (8 * i)) & 0xff));
            }
        }

        void str(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            i32(b.length);
            raw(b);
        }

        void raw(byte[] b) {
            write(b, 0, b.length);
        }
    }
}

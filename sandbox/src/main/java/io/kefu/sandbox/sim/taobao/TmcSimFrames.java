package io.kefu.sandbox.sim.taobao;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The simulator's own top-link v2 codec, written from PLATFORMS.md §5 independently of kefu's, so a
 * misreading on one side shows up as a failing conversation rather than cancelling out.
 */
final class TmcSimFrames {
    record Frame(int type, Integer status, String phrase, String token, Map<String, Object> headers) {}

    private TmcSimFrames() {
    }

    static Frame read(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (b.get() != 2) {
            throw new IllegalArgumentException("version");
        }
        int type = b.get();
        Integer status = null;
        String phrase = null, token = null;
        Map<String, Object> h = new LinkedHashMap<>();
        for (short t = b.getShort(); t != 0; t = b.getShort()) {
            switch (t) {
                case 1 -> {
                    String name = s(b);
                    int vt = b.get();
                    h.put(name, switch (vt) {
                        case 0 -> null;
                        case 1 -> s(b);
                        case 2 -> b.get();
                        case 3 -> b.getShort();
                        case 4 -> b.getInt();
                        case 5 -> b.getLong();
                        case 6 -> new Date(b.getLong());
                        case 7 -> {
                            byte[] x = new byte[b.getInt()];
                            b.get(x);
                            yield x;
                        }
                        default -> throw new IllegalArgumentException("value type " + vt);
                    });
                }
                case 2 -> status = b.getInt();
                case 3 -> phrase = s(b);
                case 4 -> b.getInt();
                case 5 -> token = s(b);
                default -> throw new IllegalArgumentException("header type " + t);
            }
        }
        return new Frame(type, status, phrase, token, h);
    }

    static byte[] write(int type, Integer status, String phrase, String token, Map<String, Object> headers) {
        ByteBuffer b = ByteBuffer.allocate(64 * 1024).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 2).put((byte) type);
        if (status != null) {
            b.putShort((short) 2).putInt(status);
        }
        if (phrase != null) {
            b.putShort((short) 3);
            s(b, phrase);
        }
        if (token != null) {
            b.putShort((short) 5);
            s(b, token);
        }
        for (Map.Entry<String, Object> e : headers.entrySet()) {
            b.putShort((short) 1);
            s(b, e.getKey());
            Object v = e.getValue();
            if (v instanceof String x) {
                b.put((byte) 1);
                s(b, x);
            } else if (v instanceof Short x) {
                b.put((byte) 3).putShort(x);
            } else if (v instanceof Integer x) {
                b.put((byte) 4).putInt(x);
            } else if (v instanceof Long x) {
                b.put((byte) 5).putLong(x);
            } else if (v instanceof Date x) {
                b.put((byte) 6).putLong(x.getTime());
            } else {
                b.put((byte) 0);
            }
        }
        b.putShort((short) 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(b.array(), 0, b.position());
        return out.toByteArray();
    }

    private static String s(ByteBuffer b) {
        int n = b.getInt();
        if (n < 0 || n > b.remaining()) {
            throw new IllegalArgumentException("length");
        }
        byte[] x = new byte[n];
        b.get(x);
        return new String(x, StandardCharsets.UTF_8);
    }

    private static void s(ByteBuffer b, String v) {
        byte[] x = v.getBytes(StandardCharsets.UTF_8);
        b.putInt(x.length).put(x);
    }
}

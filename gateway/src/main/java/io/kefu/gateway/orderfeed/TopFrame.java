package io.kefu.gateway.orderfeed;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One top-link v2 frame (PLATFORMS.md §5): a message type, the well-known headers, and custom
 * headers with typed values (String, Byte, Short, Integer, Long, java.util.Date, byte[]; null = Void).
 */
record TopFrame(int messageType, Integer statusCode, String statusPhrase, Integer flag, String token, Map<String, Object> custom) {
    static final int CONNECT = 0;
    static final int CONNECTACK = 1;
    static final int SEND = 2;
    static final int SENDACK = 3;

    static final int KIND_PULL_REQUEST = 1;
    static final int KIND_CONFIRM = 2;
    static final int KIND_DATA = 3;
    static final int KIND_FAILED = 20;

    TopFrame {
        custom = new LinkedHashMap<>(custom);
    }

    static TopFrame of(int messageType, String token, Map<String, Object> custom) {
        return new TopFrame(messageType, null, null, null, token, custom);
    }

    /** {@code __kind} of a SEND frame, or -1. */
    int kind() {
        Object k = custom.get("__kind");
        return k instanceof Number n ? n.intValue() : k instanceof String s && s.matches("\\d{1,3}") ? Integer.parseInt(s) : -1;
    }

    String text(String name) {
        Object v = custom.get(name);
        return v == null ? "" : v instanceof java.util.Date d ? Long.toString(d.getTime()) : String.valueOf(v);
    }
}

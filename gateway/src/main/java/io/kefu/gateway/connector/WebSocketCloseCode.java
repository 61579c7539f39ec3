package io.kefu.gateway.connector;

/**
 * WebSocket close codes (RFC 6455 §7.4) and whether a platform connection closed with one should
 * be re-opened. Platforms close healthy links routinely (rotation, load balancing), so almost every
 * code means "reconnect"; only codes saying our own frames are unacceptable do not, because
 * reconnecting would just repeat the mistake against the platform's limits.
 */
public enum WebSocketCloseCode {
    NORMAL(1000, true),
    GOING_AWAY(1001, true),
    PROTOCOL_ERROR(1002, false),
    UNSUPPORTED_DATA(1003, false),
    NO_STATUS(1005, true),
    ABNORMAL(1006, true),
    INVALID_PAYLOAD(1007, false),
    POLICY_VIOLATION(1008, true),
    MESSAGE_TOO_BIG(1009, true),
    INTERNAL_ERROR(1011, true),
    SERVICE_RESTART(1012, true),
    TRY_AGAIN_LATER(1013, true),
    UNKNOWN(-1, true);

    private final int code;
    private final boolean reconnect;

    WebSocketCloseCode(int code, boolean reconnect) {
        this.code = code;
        this.reconnect = reconnect;
    }

    public int code() {
        return code;
    }

    public boolean shouldReconnect() {
        return reconnect;
    }

    public static WebSocketCloseCode of(int code) {
        for (WebSocketCloseCode c : values()) {
            if (c.code == code) {
                return c;
            }
        }
        return UNKNOWN;
    }
}

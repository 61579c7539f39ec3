package io.kefu.gateway.connector.slack;

/**
 * The {@code reason} of a Socket Mode {@code {"type":"disconnect"}} frame and what to do about it.
 * Slack sends {@code warning} ~10 s before it closes a connection and {@code refresh_requested}
 * when it wants a new one; both mean "open the next socket now, then close this one", so nothing
 * is in the gap. {@code link_disabled} means Socket Mode was turned off for the app: stop.
 */
enum SlackDisconnectReason {
    WARNING(true),
    REFRESH_REQUESTED(true),
    /** Too many sockets for the app: reconnect, but only after the backoff. */
    TOO_MANY_WEBSOCKETS(false),
    LINK_DISABLED(false),
    UNKNOWN(true);

    private final boolean openNextFirst;

    SlackDisconnectReason(boolean openNextFirst) {
        this.openNextFirst = openNextFirst;
    }

    /** Open the replacement before the old socket goes (no gap). */
    boolean openNextFirst() {
        return openNextFirst;
    }

    boolean reconnect() {
        return this != LINK_DISABLED;
    }

    static SlackDisconnectReason of(String reason) {
        return switch (reason == null ? "" : reason) {
            case "warning" -> WARNING;
            case "refresh_requested" -> REFRESH_REQUESTED;
            case "too_many_websockets" -> TOO_MANY_WEBSOCKETS;
            case "link_disabled" -> LINK_DISABLED;
            default -> UNKNOWN;
        };
    }
}

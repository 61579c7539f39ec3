package io.kefu.gateway.connector.feishu;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/**
 * The platform's instructions for a connection (PLATFORMS.md §2), from the endpoint answer and
 * from any pong: how often to ping, and how to reconnect — wait a random part of
 * {@code ReconnectNonce} s, then try every {@code ReconnectInterval} s, {@code ReconnectCount}
 * times (−1 = forever). Values are in seconds on the wire.
 */
record FeishuClientConfig(int reconnectCount, int reconnectIntervalSeconds, int reconnectNonceSeconds, int pingIntervalSeconds) {
    /** The SDKs' defaults, used until the platform says otherwise. */
    static final FeishuClientConfig DEFAULT = new FeishuClientConfig(-1, 120, 30, 120);

    /** This config with whatever {@code json} sets (absent or nonsensical values keep the current ones). */
    FeishuClientConfig merge(JsonNode json) {
        if (json == null || !json.isObject()) {
            return this;
        }
        return new FeishuClientConfig(
                pick(json, "ReconnectCount", reconnectCount, -1, 1_000_000),
                pick(json, "ReconnectInterval", reconnectIntervalSeconds, 0, 86_400),
                pick(json, "ReconnectNonce", reconnectNonceSeconds, 0, 86_400),
                pick(json, "PingInterval", pingIntervalSeconds, 1, 86_400));
    }

    private static int pick(JsonNode json, String key, int current, int min, int max) {
        JsonNode v = json.get(key);
        if (v == null || !v.canConvertToInt()) {
            return current;
        }
        int n = v.asInt();
        return n < min || n > max ? current : n;
    }

    Duration pingInterval() {
        return Duration.ofSeconds(pingIntervalSeconds);
    }
}

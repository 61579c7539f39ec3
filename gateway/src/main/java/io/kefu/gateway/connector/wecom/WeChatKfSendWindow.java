package io.kefu.gateway.connector.wecom;

import io.kefu.handlers.redis.LuaScript;
import java.nio.charset.StandardCharsets;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;

/**
 * 微信客服 lets a business send at most 5 messages within 48 hours of the customer's last message.
 * Tracked per conversation in Redis ({@code kefu:{conv}:kf_window}: {@code last_in} ms, {@code sent}):
 * a newer customer message reopens the window (an old redelivered one does not); a reply is counted
 * only once the platform accepted it. Checking here turns a certain refusal into a clear,
 * non-retried outcome instead of a wasted call.
 */
final class WeChatKfSendWindow {
    static final long WINDOW_MS = 48L * 3600 * 1000;
    static final int MAX_SENDS = 5;

    private static final LuaScript OPEN = new LuaScript("""
            local last = tonumber(redis.call('HGET', KEYS[1], 'last_in') or '0')
            if tonumber(ARGV[1]) > last then
              redis.call('HSET', KEYS[1], 'last_in', ARGV[1], 'sent', '0')
            end
            redis.call('PEXPIRE', KEYS[1], ARGV[2])
            return 1
            """);

    private final UnifiedJedis redis;

    WeChatKfSendWindow(UnifiedJedis redis) {
        this.redis = redis;
    }

    static String key(String conversationId) {
        return "kefu:{" + conversationId + "}:kf_window";
    }

    void customerWrote(String conversationId, long sentAtMs) {
        OPEN.run(redis, List.of(key(conversationId).getBytes(StandardCharsets.UTF_8)),
                List.of(Long.toString(sentAtMs).getBytes(StandardCharsets.UTF_8),
                        Long.toString(WINDOW_MS + 3600_000).getBytes(StandardCharsets.UTF_8)));
    }

    /** Why a send now would be refused, or null when it is allowed. */
    String closedReason(String conversationId, long nowMs) {
        List<String> v = redis.hmget(key(conversationId), "last_in", "sent");
        if (v.get(0) == null) {
            return "no customer message within 48 hours";
        }
        if (nowMs - Long.parseLong(v.get(0)) > WINDOW_MS) {
            return "48-hour window closed";
        }
        if (v.get(1) != null && Long.parseLong(v.get(1)) >= MAX_SENDS) {
            return "5 messages already sent since the customer's last message";
        }
        return null;
    }

    void sent(String conversationId) {
        redis.hincrBy(key(conversationId), "sent", 1);
    }
}

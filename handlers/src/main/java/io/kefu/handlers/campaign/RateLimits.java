package io.kefu.handlers.campaign;

import static io.kefu.handlers.redis.LuaScript.utf8;

import io.kefu.handlers.redis.LuaScript;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.OptionalLong;
import redis.clients.jedis.UnifiedJedis;

/**
 * Per-buyer (per store-local day) and per-channel (per minute) budgets for proactive messages,
 * shared by every node. Checked and taken in one Lua step; when a budget is spent the caller is
 * told when the window ends and defers the task to then — nothing is dropped.
 */
final class RateLimits {
    // KEYS: buyerWindow channelWindow   ARGV: buyerLimit buyerTtl channelLimit channelTtl
    private static final LuaScript TAKE = new LuaScript("""
            if tonumber(redis.call('GET', KEYS[1]) or '0') >= tonumber(ARGV[1]) then return -1 end
            if tonumber(redis.call('GET', KEYS[2]) or '0') >= tonumber(ARGV[3]) then return -2 end
            redis.call('INCR', KEYS[1])
            redis.call('EXPIRE', KEYS[1], ARGV[2])
            redis.call('INCR', KEYS[2])
            redis.call('EXPIRE', KEYS[2], ARGV[4])
            return 1
            """);

    private final UnifiedJedis redis;

    RateLimits(UnifiedJedis redis) {
        this.redis = redis;
    }

    /** Empty when a message may go now; else when to try again. */
    OptionalLong take(StoreCampaign s, String buyerId, long now) {
        LocalDate day = Instant.ofEpochMilli(now).atZone(s.zone()).toLocalDate();
        long minute = now / 60_000;
        Object r = TAKE.run(redis,
                List.of(utf8(CampaignKeys.buyerWindow(s.storeId(), buyerId, day.toEpochDay())),
                        utf8(CampaignKeys.channelWindow(s.storeId(), s.chatChannel(), minute))),
                List.of(utf8(Integer.toString(s.buyerDailyLimit())), utf8("172800"),
                        utf8(Integer.toString(s.channelPerMinute())), utf8("120")));
        long code = (Long) r;
        if (code == 1) {
            return OptionalLong.empty();
        }
        if (code == -1) {
            return OptionalLong.of(day.plusDays(1).atStartOfDay(s.zone()).toInstant().toEpochMilli());
        }
        return OptionalLong.of((minute + 1) * 60_000);
    }
}

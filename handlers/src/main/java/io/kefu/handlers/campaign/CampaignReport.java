package io.kefu.handlers.campaign;

import static io.kefu.handlers.redis.LuaScript.utf8;

import io.kefu.handlers.redis.LuaScript;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.UnifiedJedis;

/**
 * Results per store and store-local day, in Redis so every node adds to the same figures and the
 * admin report survives restarts. Fields: {@link #FIELDS}. Each result is counted once: together
 * with a marker in its order's hash, in one step, so a task rerun after a crash (its message
 * already out) neither loses nor doubles its count.
 */
public final class CampaignReport {
    public static final String REMINDERS_SENT = "reminders_sent";
    public static final String PAID_AFTER_REMINDER = "paid_after_reminder";
    public static final String RECOVERED_CENTS = "recovered_amount_cents";
    public static final String FOLLOW_UPS_SENT = "follow_ups_sent";
    public static final String LOGISTICS_EXCEPTIONS = "logistics_exceptions";
    public static final String OPTED_OUT_SKIPS = "skipped_opted_out";
    public static final List<String> FIELDS = List.of(REMINDERS_SENT, PAID_AFTER_REMINDER, RECOVERED_CENTS, FOLLOW_UPS_SENT,
            LOGISTICS_EXCEPTIONS, OPTED_OUT_SKIPS);
    static final long TTL_SECONDS = 400L * 24 * 3600;

    // KEYS: order report   ARGV: marker ttl (field n)*
    private static final LuaScript ADD_ONCE = new LuaScript("""
            if redis.call('HSETNX', KEYS[1], ARGV[1], '1') == 0 then return 0 end
            for i = 3, #ARGV, 2 do
              redis.call('HINCRBY', KEYS[2], ARGV[i], ARGV[i + 1])
            end
            redis.call('EXPIRE', KEYS[2], ARGV[2])
            return 1
            """);

    private final UnifiedJedis redis;

    public CampaignReport(UnifiedJedis redis) {
        this.redis = redis;
    }

    /**
     * Adds {@code counts} to the figures of {@code at}'s day unless the order already carries
     * {@code marker} (then false); the marker is set in the same step.
     */
    boolean addOnce(StoreCampaign s, String orderId, String marker, long at, Map<String, Long> counts) {
        List<byte[]> args = new ArrayList<>();
        args.add(utf8(marker));
        args.add(utf8(Long.toString(TTL_SECONDS)));
        counts.forEach((field, n) -> {
            args.add(utf8(field));
            args.add(utf8(Long.toString(n)));
        });
        Object r = ADD_ONCE.run(redis, List.of(utf8(CampaignKeys.order(s.storeId(), orderId)),
                utf8(CampaignKeys.report(s.storeId(), day(s, at).toString()))), args);
        return (Long) r == 1L;
    }

    /** Every field of the day, zeros included. */
    public Map<String, Long> day(String storeId, LocalDate day) {
        Map<String, String> h = redis.hgetAll(CampaignKeys.report(storeId, day.toString()));
        Map<String, Long> out = new LinkedHashMap<>();
        for (String f : FIELDS) {
            out.put(f, Long.parseLong(h.getOrDefault(f, "0")));
        }
        return out;
    }

    static LocalDate day(StoreCampaign s, long at) {
        return Instant.ofEpochMilli(at).atZone(s.zone()).toLocalDate();
    }
}

package io.kefu.handlers.campaign;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.UnifiedJedis;

/**
 * Results per store and store-local day, in Redis so every node adds to the same figures and the
 * admin report survives restarts. Fields: {@link #FIELDS}.
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

    private final UnifiedJedis redis;

    public CampaignReport(UnifiedJedis redis) {
        this.redis = redis;
    }

    void add(StoreCampaign s, long at, String field, long n) {
        String key = CampaignKeys.report(s.storeId(), day(s, at).toString());
        redis.hincrBy(key, field, n);
        redis.expire(key, TTL_SECONDS);
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

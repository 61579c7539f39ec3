package io.kefu.handlers.campaign;

import static io.kefu.handlers.redis.LuaScript.utf8;

import io.kefu.handlers.redis.LuaScript;
import io.kefu.proto.v1.LogisticsStatus;
import io.kefu.proto.v1.OrderEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;

/**
 * Orders in Redis, rebuilt from their events whatever the arrival order. One Lua step per event
 * dedups on the platform's event id (a field of the order's own hash, so dedup and merge are one
 * atomic write) and merges the event field by field: min for "when did X first happen", max for
 * the latest logistics movement, first-wins for descriptive fields. Min/max/first are commutative
 * and idempotent, so any permutation of any multiset of the same events gives the same state.
 *
 * <p>The event's mark has two values: "0" when the event is merged, "1" once the work it implies is
 * scheduled ({@link #markPlanned}). Merging and scheduling are two Redis calls; a node that dies
 * between them leaves "0", and the platform's redelivery is then merged again (a no-op) and
 * reported as {@code resumed}, so its work is scheduled instead of being dropped as a duplicate.
 */
public final class OrderStore {
    static final long TTL_SECONDS = 45L * 24 * 3600;

    // KEYS: order   ARGV: eventId ttl (op field value)*
    static final String MERGE_SOURCE = """
            local seen = redis.call('HGET', KEYS[1], 'e:' .. ARGV[1])
            if seen == '1' then return {0} end
            if not seen then redis.call('HSET', KEYS[1], 'e:' .. ARGV[1], '0') end
            local changed = {}
            for i = 3, #ARGV, 3 do
              local op, f, v = ARGV[i], ARGV[i + 1], ARGV[i + 2]
              local cur = redis.call('HGET', KEYS[1], f)
              local set = false
              if not cur then set = true
              elseif op == 'min' then set = tonumber(v) < tonumber(cur)
              elseif op == 'max' then set = tonumber(v) > tonumber(cur)
              end
              if set then
                redis.call('HSET', KEYS[1], f, v)
                changed[#changed + 1] = f
              end
            end
            redis.call('EXPIRE', KEYS[1], ARGV[2])
            local out = {seen and 2 or 1, table.concat(changed, ',')}
            local all = redis.call('HGETALL', KEYS[1])
            for i = 1, #all, 2 do
              if string.sub(all[i], 1, 2) ~= 'e:' then
                out[#out + 1] = all[i]
                out[#out + 1] = all[i + 1]
              end
            end
            return out
            """;
    private static final LuaScript MERGE = new LuaScript(MERGE_SOURCE);

    /**
     * The outcome of folding one event in: a redelivery changes nothing ({@code duplicate}); an event
     * merged before whose work was never scheduled comes back {@code resumed}, with nothing changed.
     */
    public record Merged(OrderEvent event, boolean duplicate, boolean resumed, Set<String> changed, OrderView view) {}

    private final UnifiedJedis redis;

    public OrderStore(UnifiedJedis redis) {
        this.redis = redis;
    }

    public Merged merge(OrderEvent e) {
        return parse(e, MERGE.run(redis, keys(e), args(e)));
    }

    /**
     * Many events in one pipeline (the order of {@code events} is kept, so each result is the state right
     * after its event). An event repeated within the batch is a duplicate without a trip to Redis: there it
     * would find the first one's "merged" mark and look {@code resumed}.
     */
    public List<Merged> mergeAll(List<OrderEvent> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        Set<String> inBatch = new HashSet<>();
        boolean[] repeat = new boolean[events.size()];
        for (int i = 0; i < events.size(); i++) {
            OrderEvent e = events.get(i);
            repeat[i] = !inBatch.add(CampaignKeys.order(e.getStoreId(), e.getOrderId()) + '\n' + e.getEventId());
        }
        Merged first = merge(events.get(0)); // loads the script (EVALSHA fallback) so the pipeline can use its sha
        List<Response<Object>> rs = new ArrayList<>(events.size());
        List<Merged> out = new ArrayList<>(events.size());
        byte[] sha = utf8(sha1(MERGE_SOURCE));
        try (AbstractPipeline p = redis.pipelined()) {
            for (int i = 1; i < events.size(); i++) {
                rs.add(repeat[i] ? null : p.evalsha(sha, keys(events.get(i)), args(events.get(i))));
            }
            p.sync();
        }
        out.add(first);
        for (int i = 1; i < events.size(); i++) {
            out.add(repeat[i] ? new Merged(events.get(i), true, false, Set.of(), null) : parse(events.get(i), rs.get(i - 1).get()));
        }
        return out;
    }

    /** Records that the work these events imply is scheduled: their redeliveries are duplicates from now on. */
    public void markPlanned(List<OrderEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        try (AbstractPipeline p = redis.pipelined()) {
            for (OrderEvent e : events) {
                p.hset(CampaignKeys.order(e.getStoreId(), e.getOrderId()), "e:" + e.getEventId(), "1");
            }
            p.sync();
        }
    }

    public Optional<OrderView> view(String storeId, String orderId) {
        Map<String, String> h = redis.hgetAll(CampaignKeys.order(storeId, orderId));
        if (h.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(toView(storeId, orderId, h));
    }

    static OrderView toView(String storeId, String orderId, Map<String, String> h) {
        Map<String, String> f = new HashMap<>();
        h.forEach((k, v) -> {
            if (!k.startsWith("e:")) {
                f.put(k, v);
            }
        });
        return new OrderView(storeId, orderId, f);
    }

    /** Marks a proactive message kind as done for this order; false when it already was. */
    public boolean markDone(String storeId, String orderId, String kind, long at) {
        return redis.hsetnx(CampaignKeys.order(storeId, orderId), OrderFields.done(kind), Long.toString(at)) == 1;
    }

    private static List<byte[]> keys(OrderEvent e) {
        return List.of(utf8(CampaignKeys.order(e.getStoreId(), e.getOrderId())));
    }

    private static List<byte[]> args(OrderEvent e) {
        List<byte[]> a = new ArrayList<>();
        a.add(utf8(e.getEventId()));
        a.add(utf8(Long.toString(TTL_SECONDS)));
        op(a, "first", OrderFields.PLATFORM, e.getPlatform().name());
        if (!e.getBuyerId().isEmpty()) {
            op(a, "first", OrderFields.BUYER, e.getBuyerId());
        }
        if (e.getAmountCents() > 0) {
            op(a, "first", OrderFields.AMOUNT, Long.toString(e.getAmountCents()));
        }
        if (!e.getCourier().isEmpty()) {
            op(a, "first", OrderFields.COURIER, e.getCourier());
        }
        if (!e.getTrackingNo().isEmpty()) {
            op(a, "first", OrderFields.TRACKING, e.getTrackingNo());
        }
        String t = Long.toString(e.getEventTime());
        switch (e.getType()) {
            case ORDER_CREATED -> op(a, "min", OrderFields.CREATED, t);
            case ORDER_PAID -> op(a, "min", OrderFields.PAID, t);
            case ORDER_SHIPPED -> {
                op(a, "min", OrderFields.SHIPPED, t);
                op(a, "max", OrderFields.MOVED, t);
            }
            case LOGISTICS_UPDATE -> {
                op(a, "max", OrderFields.MOVED, t);
                if (e.getLogisticsStatus() == LogisticsStatus.DELIVERY_FAILED) {
                    op(a, "min", OrderFields.FAILED, t);
                } else if (e.getLogisticsStatus() == LogisticsStatus.RETURNED_TO_SENDER) {
                    op(a, "min", OrderFields.RETURNED, t);
                }
            }
            case ORDER_DELIVERED -> op(a, "min", OrderFields.DELIVERED, t);
            case ORDER_CANCELLED -> op(a, "min", OrderFields.CANCELLED, t);
            default -> { } // refunds: state is unchanged; each refund event is its own status message
        }
        return a;
    }

    private static void op(List<byte[]> a, String op, String field, String value) {
        a.add(utf8(op));
        a.add(utf8(field));
        a.add(utf8(value));
    }

    private static Merged parse(OrderEvent e, Object raw) {
        List<?> r = (List<?>) raw;
        if (((Long) r.get(0)) == 0L) {
            return new Merged(e, true, false, Set.of(), null);
        }
        Set<String> changed = new LinkedHashSet<>();
        String c = str(r.get(1));
        if (!c.isEmpty()) {
            changed.addAll(List.of(c.split(",")));
        }
        Map<String, String> h = new HashMap<>();
        for (int i = 2; i + 1 < r.size(); i += 2) {
            h.put(str(r.get(i)), str(r.get(i + 1)));
        }
        return new Merged(e, false, ((Long) r.get(0)) == 2L, changed, new OrderView(e.getStoreId(), e.getOrderId(), h));
    }

    private static String str(Object o) {
        return o instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(o);
    }

    private static String sha1(String s) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-1")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}

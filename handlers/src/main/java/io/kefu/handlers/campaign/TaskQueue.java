package io.kefu.handlers.campaign;

import static io.kefu.handlers.redis.LuaScript.utf8;

import io.kefu.handlers.redis.LuaScript;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ZAddParams;

/**
 * A store's scheduled work, durable in Redis: a due-time sorted set plus an in-flight set scored by
 * lease expiry. {@link #claim} moves due tasks to in-flight in one Lua step, so two nodes never
 * get the same task; a node that dies holding tasks loses them to whoever claims after the lease
 * ran out (the task's own id makes a rerun harmless: its message dedups in the inbox).
 */
final class TaskQueue {
    // KEYS: due inflight   ARGV: now limit leaseUntil
    private static final LuaScript CLAIM = new LuaScript("""
            local expired = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', ARGV[1], 'LIMIT', 0, ARGV[2])
            for _, id in ipairs(expired) do
              redis.call('ZREM', KEYS[2], id)
              redis.call('ZADD', KEYS[1], 'NX', ARGV[1], id)
            end
            local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, ARGV[2])
            for _, id in ipairs(ids) do
              redis.call('ZREM', KEYS[1], id)
              redis.call('ZADD', KEYS[2], ARGV[3], id)
            end
            return ids
            """);

    // KEYS: due inflight   ARGV: id dueAt
    private static final LuaScript DEFER = new LuaScript("""
            redis.call('ZREM', KEYS[2], ARGV[1])
            redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
            return 1
            """);

    private final UnifiedJedis redis;

    TaskQueue(UnifiedJedis redis) {
        this.redis = redis;
    }

    List<String> claim(String storeId, long now, int limit, long leaseMillis) {
        Object r = CLAIM.run(redis, keys(storeId), List.of(utf8(Long.toString(now)), utf8(Integer.toString(limit)),
                utf8(Long.toString(now + leaseMillis))));
        List<String> ids = new ArrayList<>();
        for (Object o : (List<?>) r) {
            ids.add(o instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(o));
        }
        return ids;
    }

    void complete(String storeId, String taskId) {
        redis.zrem(CampaignKeys.inflight(storeId), taskId);
    }

    void defer(String storeId, String taskId, long dueAt) {
        DEFER.run(redis, keys(storeId), List.of(utf8(taskId), utf8(Long.toString(dueAt))));
    }

    /** Applies plans: add-if-absent, move-later (adds when absent) and cancellations, in one pipeline. */
    void apply(String storeId, List<CampaignRules.Plan> plans) {
        String due = CampaignKeys.due(storeId);
        try (AbstractPipeline p = redis.pipelined()) {
            for (CampaignRules.Plan plan : plans) {
                for (CampaignRules.Schedule s : plan.schedule()) {
                    p.zadd(due, s.dueAt(), s.task().id(), s.mode() == CampaignRules.Mode.ADD_IF_ABSENT
                            ? ZAddParams.zAddParams().nx() : ZAddParams.zAddParams().gt());
                }
                for (CampaignTask t : plan.cancel()) {
                    p.zrem(due, t.id());
                }
            }
            p.sync();
        }
    }

    long pending(String storeId) {
        return redis.zcard(CampaignKeys.due(storeId)) + redis.zcard(CampaignKeys.inflight(storeId));
    }

    long inFlight(String storeId) {
        return redis.zcard(CampaignKeys.inflight(storeId));
    }

    /** When the next task of a store is due (Long.MAX_VALUE when none). */
    long nextDue(String storeId) {
        var first = redis.zrangeWithScores(CampaignKeys.due(storeId), 0, 0);
        return first.isEmpty() ? Long.MAX_VALUE : (long) first.get(0).getScore();
    }

    private static List<byte[]> keys(String storeId) {
        return List.of(utf8(CampaignKeys.due(storeId)), utf8(CampaignKeys.inflight(storeId)));
    }
}

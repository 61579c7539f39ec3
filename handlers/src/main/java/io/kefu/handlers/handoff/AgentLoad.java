package io.kefu.handlers.handoff;

import static io.kefu.handlers.redis.LuaScript.utf8;
import static io.kefu.handlers.redis.RedisKeys.bytes;

import io.kefu.handlers.redis.LuaScript;
import io.kefu.handlers.redis.RedisKeys;
import java.util.List;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;

/**
 * Who holds which conversation, and how many each agent holds. {@link #reserve} is the claim lock:
 * one Lua step checks that nobody else holds the conversation and that the agent has room, so two
 * agents (or the auto-assigner) racing for one ticket cannot both get it, and nobody goes past
 * their capacity.
 */
public final class AgentLoad {
    public enum Reservation { RESERVED, ALREADY_YOURS, TAKEN, AT_CAPACITY }

    // KEYS: owners load(agent)   ARGV: conv agent capacity now
    private static final LuaScript RESERVE = new LuaScript("""
            local cur = redis.call('HGET', KEYS[1], ARGV[1])
            if cur == ARGV[2] then return 2 end
            if cur then return -1 end
            if redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[3]) then return -2 end
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
            redis.call('ZADD', KEYS[2], ARGV[4], ARGV[1])
            return 1
            """);

    // KEYS: owners load(old) load(new)   ARGV: conv old new now
    private static final LuaScript MOVE = new LuaScript("""
            if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then
              redis.call('ZREM', KEYS[2], ARGV[1])
              redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
              redis.call('ZADD', KEYS[3], ARGV[4], ARGV[1])
              return 1
            end
            return 0
            """);

    private final UnifiedJedis redis;

    public AgentLoad(UnifiedJedis redis) {
        this.redis = redis;
    }

    public Reservation reserve(String storeId, String conv, String agent, int capacity, long now) {
        long r = (Long) RESERVE.run(redis, List.of(bytes(RedisKeys.handoffOwners(storeId)), bytes(RedisKeys.agentLoad(storeId, agent))),
                List.of(utf8(conv), utf8(agent), utf8(Integer.toString(capacity)), utf8(Long.toString(now))));
        return r == 2 ? Reservation.ALREADY_YOURS : r == 1 ? Reservation.RESERVED : r == -1 ? Reservation.TAKEN : Reservation.AT_CAPACITY;
    }

    /** Records the holder the ticket names (after a committed transfer or assignment). */
    public void hold(String storeId, String conv, String agent, long since) {
        Optional<String> old = owner(storeId, conv);
        if (old.isPresent() && !old.get().equals(agent)) {
            MOVE.run(redis, List.of(bytes(RedisKeys.handoffOwners(storeId)), bytes(RedisKeys.agentLoad(storeId, old.get())),
                    bytes(RedisKeys.agentLoad(storeId, agent))), List.of(utf8(conv), utf8(old.get()), utf8(agent), utf8(Long.toString(since))));
        } else if (old.isEmpty()) {
            redis.hset(RedisKeys.handoffOwners(storeId), conv, agent);
            redis.zadd(RedisKeys.agentLoad(storeId, agent), since, conv);
        }
    }

    /** Nobody holds it any more (back in the queue, or closed). Safe to repeat. */
    public void release(String storeId, String conv) {
        owner(storeId, conv).ifPresent(a -> redis.zrem(RedisKeys.agentLoad(storeId, a), conv));
        redis.hdel(RedisKeys.handoffOwners(storeId), conv);
    }

    public Optional<String> owner(String storeId, String conv) {
        return Optional.ofNullable(redis.hget(RedisKeys.handoffOwners(storeId), conv));
    }

    /** The conversations an agent holds, oldest first. */
    public List<String> held(String storeId, String agent) {
        return redis.zrange(RedisKeys.agentLoad(storeId, agent), 0, -1);
    }

    public long count(String storeId, String agent) {
        return redis.zcard(RedisKeys.agentLoad(storeId, agent));
    }
}

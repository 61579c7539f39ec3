package io.kefu.handlers.handoff;

import io.kefu.handlers.redis.RedisKeys;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import redis.clients.jedis.resps.Tuple;
import redis.clients.jedis.UnifiedJedis;

/**
 * A store's agents: their profile (capacity, skill groups) and presence. The console's socket
 * sends heartbeats; an agent whose last heartbeat is older than the store's grace period is gone
 * (the sweeper re-queues what they held). Kept in Redis so every node sees the same desk.
 */
public final class AgentRoster {
    public static final String ONLINE = "online";
    public static final String AWAY = "away";
    public static final String OFFLINE = "offline";

    /** One agent as the queue sees them. */
    public record Agent(String id, String name, int capacity, Set<String> groups, String status, long lastSeen,
                        long lastAssigned, long load) {
        public boolean serves(String group) {
            return groups.contains("*") || groups.contains(group);
        }
    }

    private final UnifiedJedis redis;
    private final AgentLoad load;

    public AgentRoster(UnifiedJedis redis) {
        this.redis = redis;
        this.load = new AgentLoad(redis);
    }

    /** Registers (or updates) an agent's profile; presence is untouched. */
    public void register(String storeId, String agent, String name, int capacity, Set<String> groups) {
        redis.hset(RedisKeys.agent(storeId, agent), Map.of("name", name, "capacity", Integer.toString(capacity),
                "groups", String.join(",", groups)));
    }

    public void heartbeat(String storeId, String agent, String status, long now) {
        redis.hset(RedisKeys.agent(storeId, agent), "status", status);
        redis.zadd(RedisKeys.agentPresence(storeId), now, agent);
    }

    /** Logged out, or gone past the grace period. */
    public void offline(String storeId, String agent) {
        redis.hset(RedisKeys.agent(storeId, agent), "status", OFFLINE);
        redis.zrem(RedisKeys.agentPresence(storeId), agent);
    }

    public void assignedNow(String storeId, String agent, long now) {
        redis.hset(RedisKeys.agent(storeId, agent), "last_assigned", Long.toString(now));
    }

    /** Agents whose last heartbeat is before {@code cutoff}. */
    public List<String> silentSince(String storeId, long cutoff) {
        return redis.zrangeByScore(RedisKeys.agentPresence(storeId), Double.NEGATIVE_INFINITY, cutoff - 1);
    }

    public Agent agent(String storeId, String agent) {
        Map<String, String> h = redis.hgetAll(RedisKeys.agent(storeId, agent));
        Double seen = redis.zscore(RedisKeys.agentPresence(storeId), agent);
        String groups = h.getOrDefault("groups", "*");
        return new Agent(agent, h.getOrDefault("name", agent), Integer.parseInt(h.getOrDefault("capacity", "0")),
                Set.of(groups.isEmpty() ? new String[0] : groups.split(",")),
                seen == null ? OFFLINE : h.getOrDefault("status", OFFLINE),
                seen == null ? 0 : seen.longValue(), Long.parseLong(h.getOrDefault("last_assigned", "0")),
                load.count(storeId, agent));
    }

    /** Present agents (online or away), most recently seen first. */
    public List<Agent> present(String storeId) {
        List<Agent> out = new ArrayList<>();
        for (Tuple t : redis.zrevrangeWithScores(RedisKeys.agentPresence(storeId), 0, -1)) {
            out.add(agent(storeId, t.getElement()));
        }
        return out;
    }

    /**
     * Who should get the next ticket of {@code group}: online, serving the group, with room —
     * the least loaded first, and among equals the one who waited longest since their last
     * assignment, so work is spread fairly.
     */
    public List<Agent> available(String storeId, String group) {
        return present(storeId).stream()
                .filter(a -> ONLINE.equals(a.status()) && a.serves(group) && a.load() < a.capacity())
                .sorted(Comparator.comparingLong(Agent::load).thenComparingLong(Agent::lastAssigned).thenComparing(Agent::id))
                .toList();
    }
}

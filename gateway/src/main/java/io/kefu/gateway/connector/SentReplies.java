package io.kefu.gateway.connector;

import io.kefu.handlers.redis.LuaScript;
import java.nio.charset.StandardCharsets;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * The Redis record that makes platform sends exactly-once (as far as a non-idempotent HTTP API
 * allows). Per conversation (hash-tagged like every conversation key):
 * <ul>
 *   <li>{@code kefu:{conv}:sent} — set of reply ids a platform accepted. Checked before every
 *       attempt and written <em>before</em> the reply leaves the outbox, so a crash between the two
 *       makes the next start skip the send and only clear the outbox.</li>
 *   <li>{@code kefu:{conv}:sending:{replyId}} — a short lease (SET NX PX) held while one sender
 *       (one thread of one node) is attempting the reply; a second node or a racing redelivery
 *       backs off instead of sending in parallel.</li>
 * </ul>
 * The one window left is a crash (or a timeout) after the platform accepted and before the id is
 * recorded: then we cannot know, and we send again — a possible duplicate rather than a lost reply.
 * Timeouts are retried the same way; WeCom gets the reply id as its {@code msgid} so it can dedup.
 */
public final class SentReplies {
    static final long SENT_TTL_SECONDS = 7 * 24 * 3600;
    private static final LuaScript RELEASE = new LuaScript("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0
            """);

    private final UnifiedJedis redis;

    public SentReplies(UnifiedJedis redis) {
        this.redis = redis;
    }

    static String sentKey(String conversationId) {
        return "kefu:{" + conversationId + "}:sent";
    }

    static String leaseKey(String conversationId, String replyId) {
        return "kefu:{" + conversationId + "}:sending:" + replyId;
    }

    public boolean wasSent(String conversationId, String replyId) {
        return redis.sismember(sentKey(conversationId), replyId);
    }

    /** Takes the send lease for a reply; false when another sender holds it. */
    public boolean claim(String conversationId, String replyId, String owner, long leaseMs) {
        return "OK".equals(redis.set(leaseKey(conversationId, replyId), owner, SetParams.setParams().nx().px(leaseMs)));
    }

    public void release(String conversationId, String replyId, String owner) {
        RELEASE.run(redis, List.of(leaseKey(conversationId, replyId).getBytes(StandardCharsets.UTF_8)),
                List.of(owner.getBytes(StandardCharsets.UTF_8)));
    }

    /** Records that the platform accepted the reply; then the caller clears it from the outbox. */
    public void recordSent(String conversationId, String replyId) {
        String key = sentKey(conversationId);
        redis.sadd(key, replyId);
        redis.expire(key, SENT_TTL_SECONDS);
    }
}

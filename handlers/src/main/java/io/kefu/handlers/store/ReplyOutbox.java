package io.kefu.handlers.store;

import static io.kefu.handlers.redis.RedisKeys.bytes;

import com.google.protobuf.InvalidProtocolBufferException;
import io.kefu.handlers.redis.LuaScript;
import io.kefu.handlers.redis.RedisKeys;
import io.kefu.proto.v1.OutboundMessage;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;

/**
 * Replies written by a committed turn and not yet confirmed delivered, per conversation, in seq
 * order. A reply leaves the outbox only when its delivery is confirmed (the open channel: the
 * buyer's client acked it; a platform: its send API accepted it), so a crash or a dropped
 * connection means "deliver again", never "lost"; the stable reply id lets receivers dedup.
 */
public final class ReplyOutbox {
    private static final LuaScript DONE = new LuaScript("""
            local n = redis.call('ZREM', KEYS[1], ARGV[1])
            redis.call('HDEL', KEYS[2], ARGV[1])
            return n
            """);

    private final UnifiedJedis redis;

    public ReplyOutbox(UnifiedJedis redis) {
        this.redis = redis;
    }

    /** Undelivered replies of a conversation, oldest first. */
    public List<OutboundMessage> pending(String conversationId) {
        List<byte[]> ids = redis.zrange(bytes(RedisKeys.outbox(conversationId)), 0, -1);
        if (ids.isEmpty()) {
            return List.of();
        }
        List<byte[]> bodies = redis.hmget(bytes(RedisKeys.replies(conversationId)), ids.toArray(new byte[0][]));
        List<OutboundMessage> out = new ArrayList<>(bodies.size());
        for (byte[] b : bodies) {
            if (b == null) {
                continue;
            }
            try {
                out.add(OutboundMessage.parseFrom(b));
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalStateException("unreadable reply in outbox of " + conversationId, e);
            }
        }
        return out;
    }

    public boolean isEmpty(String conversationId) {
        return redis.zcard(RedisKeys.outbox(conversationId)) == 0;
    }

    /** Marks a reply delivered; false when it was not (or no longer) pending, e.g. a repeated ack. */
    public boolean markDelivered(String conversationId, String replyId) {
        Object r = DONE.run(redis, List.of(bytes(RedisKeys.outbox(conversationId)), bytes(RedisKeys.replies(conversationId))),
                List.of(replyId.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        return ((Long) r) == 1L;
    }
}

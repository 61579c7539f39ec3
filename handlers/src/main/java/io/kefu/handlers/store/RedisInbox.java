package io.kefu.handlers.store;

import static io.kefu.handlers.redis.LuaScript.utf8;
import static io.kefu.handlers.redis.RedisKeys.bytes;

import com.google.protobuf.InvalidProtocolBufferException;
import io.kefu.handlers.redis.LuaScript;
import io.kefu.handlers.redis.RedisKeys;
import io.kefu.handlers.redis.RedisUnavailableException;
import io.kefu.proto.v1.InboundMessage;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The durable inbox: step 2 of a message's life. {@link #persist} deduplicates on the platform's
 * message id and appends to the conversation's inbox in one Lua step, so a connector may ack the
 * platform as soon as it returns; a crash before that means the platform redelivers, and the
 * dedup marker means a redelivery never produces a second reply.
 */
public final class RedisInbox {
    static final long DEDUP_TTL_SECONDS = 7 * 24 * 3600;

    private static final LuaScript PERSIST = new LuaScript("""
            if redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[2]) then
              redis.call('RPUSH', KEYS[2], ARGV[1])
              return 1
            end
            return 0
            """);

    // KEYS: seen inbox payload   ARGV: marker payload ttl
    private static final LuaScript PERSIST_MARKER = new LuaScript("""
            if redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[3]) then
              redis.call('SET', KEYS[3], ARGV[2], 'EX', ARGV[3])
              redis.call('RPUSH', KEYS[2], ARGV[1])
              return 1
            end
            return 0
            """);

    private static final LuaScript DEAD_LETTER = new LuaScript("""
            if redis.call('LINDEX', KEYS[1], 0) == ARGV[1] then
              redis.call('LPOP', KEYS[1])
              redis.call('RPUSH', KEYS[2], ARGV[1])
              redis.call('LTRIM', KEYS[2], -100, -1)
              return 1
            end
            return 0
            """);

    private final UnifiedJedis redis;
    private final Clock clock;

    public RedisInbox(UnifiedJedis redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    public record PersistResult(boolean duplicate, InboundMessage stored) {}

    /** A persisted message waiting at the head of its conversation's inbox, with its exact stored bytes. */
    public record Pending(InboundMessage message, byte[] raw) {}

    /**
     * Deduplicates and appends. Also (re)indexes the conversation as active, on duplicates too: a
     * crash between the append and the index is healed by the platform's redelivery.
     *
     * @throws RedisUnavailableException when Redis did not confirm; the caller must not ack
     */
    public PersistResult persist(InboundMessage message) {
        requireIds(message);
        InboundMessage stored = message.toBuilder().setReceivedAt(clock.millis()).build();
        String conv = stored.getConversationId();
        try {
            Object r = PERSIST.run(redis,
                    List.of(bytes(RedisKeys.seen(conv, stored.getPlatformMsgId())), bytes(RedisKeys.inbox(conv))),
                    List.of(stored.toByteArray(), utf8(Long.toString(DEDUP_TTL_SECONDS))));
            redis.zadd(RedisKeys.activeIndex(), clock.millis(), conv);
            return new PersistResult(((Long) r) == 0L, stored);
        } catch (JedisException e) {
            throw new RedisUnavailableException("could not persist message " + stored.getPlatformMsgId() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Work of kefu's own for a conversation (an agent's command, a late ERP answer): a text-less
     * marker message takes its turn in the inbox, in order behind the buyer's messages, while its
     * payload sits in {@code payloadKey}, written in the same Lua step and deduplicated on the
     * marker's id like any message. Only kefu writes payload keys, so a buyer who forges a marker id
     * gets an ordinary turn.
     *
     * @return false when this marker was already persisted
     */
    public boolean persistMarker(InboundMessage marker, String payloadKey, byte[] payload, long ttlSeconds) {
        requireIds(marker);
        String conv = marker.getConversationId();
        Object r = PERSIST_MARKER.run(redis,
                List.of(bytes(RedisKeys.seen(conv, marker.getPlatformMsgId())), bytes(RedisKeys.inbox(conv)), bytes(payloadKey)),
                List.of(marker.toByteArray(), payload, utf8(Long.toString(ttlSeconds))));
        redis.zadd(RedisKeys.activeIndex(), clock.millis(), conv);
        return ((Long) r) == 1L;
    }

    /** A marker of kind {@code idPrefix}: the id says so and there is no text, which a buyer's message always has. */
    public static boolean isMarker(InboundMessage m, String idPrefix) {
        return m.getPlatformMsgId().startsWith(idPrefix) && m.getText().isEmpty();
    }

    /** The payload a marker stands for; empty for buyer messages and forged markers. */
    public Optional<byte[]> markerPayload(InboundMessage m, String idPrefix, String payloadKey) {
        if (!isMarker(m, idPrefix)) {
            return Optional.empty();
        }
        return Optional.ofNullable(redis.get(bytes(payloadKey)));
    }

    /** The oldest unprocessed message of a conversation, if any. */
    public Optional<Pending> head(String conversationId) {
        byte[] raw = redis.lindex(bytes(RedisKeys.inbox(conversationId)), 0);
        if (raw == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Pending(InboundMessage.parseFrom(raw), raw));
        } catch (InvalidProtocolBufferException e) {
            // Only kefu writes here; an unreadable entry is moved aside rather than blocking the conversation.
            deadLetter(conversationId, raw);
            return head(conversationId);
        }
    }

    public long depth(String conversationId) {
        return redis.llen(RedisKeys.inbox(conversationId));
    }

    /** Moves a message that keeps failing out of the way, keeping it for inspection. */
    public boolean deadLetter(String conversationId, byte[] raw) {
        Object r = DEAD_LETTER.run(redis,
                List.of(bytes(RedisKeys.inbox(conversationId)), bytes(RedisKeys.deadLetters(conversationId))),
                List.of(raw));
        return ((Long) r) == 1L;
    }

    public List<byte[]> deadLetters(String conversationId) {
        return redis.lrange(bytes(RedisKeys.deadLetters(conversationId)), 0, -1);
    }

    /** Conversations that may have work pending, oldest first. */
    public List<String> activeConversations(int limit) {
        return redis.zrange(RedisKeys.activeIndex(), 0, limit - 1L);
    }

    /**
     * Drops a conversation from the active index when it has nothing left to do. Removes first and
     * re-checks after, so a message persisted concurrently can never be left unindexed.
     */
    public void retireIfIdle(String conversationId, boolean outboxEmpty) {
        if (!outboxEmpty || depth(conversationId) > 0) {
            return;
        }
        redis.zrem(RedisKeys.activeIndex(), conversationId);
        if (depth(conversationId) > 0) {
            redis.zadd(RedisKeys.activeIndex(), clock.millis(), conversationId);
        }
    }

    private static void requireIds(InboundMessage m) {
        if (m.getConversationId().isEmpty() || m.getPlatformMsgId().isEmpty()) {
            throw new IllegalArgumentException("an inbound message needs conversation_id and platform_msg_id");
        }
    }
}

package io.kefu.handlers.erp;

import static io.kefu.handlers.redis.LuaScript.utf8;
import static io.kefu.handlers.redis.RedisKeys.bytes;

import io.kefu.handlers.redis.LuaScript;
import io.kefu.handlers.redis.RedisKeys;
import io.kefu.proto.v1.InboundMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;

/**
 * Brings an ERP answer that missed its turn's time budget back into the conversation. The answer
 * is stored in its own key and a marker message ({@code erp-late:<original msg id>}, no text) is
 * appended to the conversation's inbox in the same Lua step, deduplicated like any message. The
 * marker then takes its turn in order behind the buyer's messages, by one worker, committed with
 * the version check: the late reply is sent exactly once even if two nodes or a restart race.
 * Only kefu writes the payload key, so a buyer who forges a marker id gets an ordinary turn.
 */
public final class LateAnswers {
    public static final String ID_PREFIX = "erp-late:";
    static final long TTL_SECONDS = 24 * 3600;

    // KEYS: seen inbox payload   ARGV: marker payload ttl
    private static final LuaScript PERSIST = new LuaScript("""
            if redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[3]) then
              redis.call('SET', KEYS[3], ARGV[2], 'EX', ARGV[3])
              redis.call('RPUSH', KEYS[2], ARGV[1])
              return 1
            end
            return 0
            """);

    private final UnifiedJedis redis;
    private final Clock clock;

    public LateAnswers(UnifiedJedis redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    static String payloadKey(String conversationId, String markerId) {
        return "kefu:{" + conversationId + "}:erp-late:" + markerId;
    }

    public static String markerId(String originalMsgId) {
        return ID_PREFIX + originalMsgId;
    }

    /**
     * Persists the answer to {@code original}'s ERP call as a marker in the inbox.
     *
     * @return false when it was already there (a rerun of the same turn delivered it first)
     */
    public boolean persist(InboundMessage original, String payloadJson) {
        String conv = original.getConversationId();
        String id = markerId(original.getPlatformMsgId());
        InboundMessage marker = InboundMessage.newBuilder()
                .setPlatform(original.getPlatform())
                .setChannelId(original.getChannelId())
                .setStoreId(original.getStoreId())
                .setConversationId(conv)
                .setBuyerId(original.getBuyerId())
                .setPlatformMsgId(id)
                .setLocale(original.getLocale())
                .setSentAt(clock.millis())
                .setReceivedAt(clock.millis())
                .build();
        Object r = PERSIST.run(redis,
                List.of(bytes(RedisKeys.seen(conv, id)), bytes(RedisKeys.inbox(conv)), bytes(payloadKey(conv, id))),
                List.of(marker.toByteArray(), utf8(payloadJson), utf8(Long.toString(TTL_SECONDS))));
        redis.zadd(RedisKeys.activeIndex(), clock.millis(), conv);
        return ((Long) r) == 1L;
    }

    /** The stored answer a marker stands for; empty for buyer messages and forged markers. */
    public Optional<String> of(InboundMessage m) {
        if (!m.getPlatformMsgId().startsWith(ID_PREFIX) || !m.getText().isEmpty()) {
            return Optional.empty();
        }
        byte[] raw = redis.get(bytes(payloadKey(m.getConversationId(), m.getPlatformMsgId())));
        return raw == null ? Optional.empty() : Optional.of(new String(raw, StandardCharsets.UTF_8));
    }
}

package io.kefu.handlers.erp;

import io.kefu.handlers.store.RedisInbox;
import io.kefu.proto.v1.InboundMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;

/**
 * Brings an ERP answer that missed its turn's time budget back into the conversation: an inbox
 * marker ({@code erp-late:<original msg id>}, see {@link RedisInbox#persistMarker}) whose payload is
 * the answer. The
 * marker then takes its turn in order behind the buyer's messages, by one worker, committed with
 * the version check: the late reply is sent exactly once even if two nodes or a restart race.
 * Only kefu writes the payload key, so a buyer who forges a marker id gets an ordinary turn.
 */
public final class LateAnswers {
    public static final String ID_PREFIX = "erp-late:";
    static final long TTL_SECONDS = 24 * 3600;

    private final RedisInbox inbox;
    private final Clock clock;

    public LateAnswers(UnifiedJedis redis, Clock clock) {
        this.inbox = new RedisInbox(redis, clock);
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
        return inbox.persistMarker(marker, payloadKey(conv, id), payloadJson.getBytes(StandardCharsets.UTF_8), TTL_SECONDS);
    }

    public static boolean isMarker(InboundMessage m) {
        return RedisInbox.isMarker(m, ID_PREFIX);
    }

    /** The stored answer a marker stands for; empty for buyer messages and forged markers. */
    public Optional<String> of(InboundMessage m) {
        return inbox.markerPayload(m, ID_PREFIX, payloadKey(m.getConversationId(), m.getPlatformMsgId()))
                .map(raw -> new String(raw, StandardCharsets.UTF_8));
    }
}

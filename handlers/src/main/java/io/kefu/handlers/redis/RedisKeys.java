package io.kefu.handlers.redis;

import java.nio.charset.StandardCharsets;

/**
 * Every Redis key kefu uses, in one place. Per-conversation keys carry the hash tag
 * {@code {conversationId}} so a turn's multi-key script lands on one Cluster slot; the few global
 * keys are indexes that are written idempotently after the per-conversation step.
 */
public final class RedisKeys {
    private static final String P = "kefu:";

    private RedisKeys() {
    }

    private static String conv(String conversationId, String suffix) {
        return P + "{" + conversationId + "}:" + suffix;
    }

    public static String seen(String conversationId, String platformMsgId) {
        return conv(conversationId, "seen:" + platformMsgId);
    }

    public static String inbox(String conversationId) {
        return conv(conversationId, "inbox");
    }

    public static String state(String conversationId) {
        return conv(conversationId, "state");
    }

    public static String outbox(String conversationId) {
        return conv(conversationId, "outbox");
    }

    public static String replies(String conversationId) {
        return conv(conversationId, "replies");
    }

    public static String transcript(String conversationId) {
        return conv(conversationId, "transcript");
    }

    public static String ticket(String conversationId) {
        return conv(conversationId, "ticket");
    }

    public static String deadLetters(String conversationId) {
        return conv(conversationId, "dead");
    }

    /** Conversations that may have unprocessed inbox entries or undelivered replies (crash recovery). */
    public static String activeIndex() {
        return P + "active";
    }

    /** Waiting handoff tickets of a store, scored so that ZRANGE gives priority first, then oldest. */
    public static String handoffQueue(String storeId) {
        return P + "queue:" + storeId;
    }

    public static String misunderstood() {
        return P + "misunderstood";
    }

    public static byte[] bytes(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }
}

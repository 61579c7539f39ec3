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

    /** A store's queue of the {@code default} skill group (see {@link #handoffQueue(String, String)}). */
    public static String handoffQueue(String storeId) {
        return handoffQueue(storeId, "default");
    }

    // Store-level handoff keys share the hash tag {s:storeId}, so the claim script (owner + load)
    // runs on one Cluster slot; they are indexes over the tickets, which live with their conversation.
    private static String store(String storeId, String suffix) {
        return P + "{s:" + storeId + "}:" + suffix;
    }

    /** Waiting tickets of a store's skill group, scored so that ZRANGE gives priority first, then oldest. */
    public static String handoffQueue(String storeId, String group) {
        return store(storeId, "queue:" + group);
    }

    /** The skill groups of a store that ever had a ticket (SET). */
    public static String handoffGroups(String storeId) {
        return store(storeId, "groups");
    }

    /** conversation → agent holding it (assigned or active) (HASH): the claim lock. */
    public static String handoffOwners(String storeId) {
        return store(storeId, "owners");
    }

    /** An agent's conversations, scored by when they got each (ZSET). */
    public static String agentLoad(String storeId, String agentId) {
        return store(storeId, "load:" + agentId);
    }

    /** An agent's profile and presence: capacity, groups, name, status, last_assigned (HASH). */
    public static String agent(String storeId, String agentId) {
        return store(storeId, "agent:" + agentId);
    }

    /** Agents of a store by last heartbeat (ZSET); absent = offline. */
    public static String agentPresence(String storeId) {
        return store(storeId, "presence");
    }

    /** Open tickets without a first agent reply, scored by their first-response deadline (ZSET). */
    public static String slaDue(String storeId) {
        return store(storeId, "sla");
    }

    /** Ids of tickets that missed their first-response target, scored by when (ZSET). */
    public static String slaBreaches(String storeId) {
        return store(storeId, "breaches");
    }

    /** Agent-owned conversations whose buyer waits for an answer, scored by since when (ZSET). */
    public static String agentSilence(String storeId) {
        return store(storeId, "silent");
    }

    /** An agent command waiting in a conversation's inbox (its body; the inbox holds a marker message). */
    public static String agentCommand(String conversationId, String commandId) {
        return conv(conversationId, "cmd:" + commandId);
    }

    /** Pub/sub channel of a store's console events. */
    public static String consoleEvents(String storeId) {
        return P + "events:" + storeId;
    }

    public static String consoleEventsPattern() {
        return P + "events:*";
    }

    /** A console login session, by the SHA-256 of its cookie value (HASH). */
    public static String consoleSession(String tokenHash) {
        return P + "console:session:" + tokenHash;
    }

    public static String misunderstood() {
        return P + "misunderstood";
    }

    public static byte[] bytes(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }
}

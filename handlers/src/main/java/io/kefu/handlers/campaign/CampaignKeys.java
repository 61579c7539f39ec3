package io.kefu.handlers.campaign;

/**
 * The campaign engine's Redis keys. Everything of one store shares the hash tag {@code {c:storeId}},
 * so the claim, merge and rate-limit scripts touch a single Cluster slot; the proactive message
 * itself lives with its conversation (see {@link InboxProactiveChannel}).
 */
final class CampaignKeys {
    private static final String P = "kefu:";

    private CampaignKeys() {
    }

    private static String store(String storeId, String suffix) {
        return P + "{c:" + storeId + "}:" + suffix;
    }

    /** An order's merged state plus the ids of the events already folded in (HASH). */
    static String order(String storeId, String orderId) {
        return store(storeId, "order:" + orderId);
    }

    /** Scheduled tasks by due time (ZSET, score = due ms). */
    static String due(String storeId) {
        return store(storeId, "due");
    }

    /** Claimed tasks by lease expiry (ZSET); an expired lease means the claiming node died. */
    static String inflight(String storeId) {
        return store(storeId, "inflight");
    }

    /** Buyers who asked for no more proactive messages (SET). */
    static String optOut(String storeId) {
        return store(storeId, "optout");
    }

    static String buyerWindow(String storeId, String buyerId, long window) {
        return store(storeId, "rl:b:" + buyerId + ":" + window);
    }

    static String channelWindow(String storeId, String channelId, long window) {
        return store(storeId, "rl:c:" + channelId + ":" + window);
    }

    /** Results of one store-local day (HASH of counters). */
    static String report(String storeId, String day) {
        return store(storeId, "report:" + day);
    }

    /** The body of a proactive message waiting in a conversation's inbox (next to the conversation's keys). */
    static String messageBody(String conversationId, String messageId) {
        return P + "{" + conversationId + "}:campaign:" + messageId;
    }
}

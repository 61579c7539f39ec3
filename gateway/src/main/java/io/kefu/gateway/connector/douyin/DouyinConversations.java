package io.kefu.gateway.connector.douyin;

/**
 * Conversation ids of Douyin buyers: {@code douyin:{channelId}:{account open_id}:{conversation_short_id}:{buyer open_id}}
 * — everything the reply API needs, read back from the id so sending needs no lookup. Douyin
 * open ids and conversation ids contain no ':' (checked on the way in).
 */
final class DouyinConversations {
    private DouyinConversations() {
    }

    record Target(String accountOpenId, String conversationId, String buyerOpenId) {}

    static String id(String channelId, String accountOpenId, String conversationId, String buyerOpenId) {
        return "douyin:" + channelId + ":" + accountOpenId + ":" + conversationId + ":" + buyerOpenId;
    }

    static Target target(String conversationId) {
        String[] p = conversationId.split(":");
        return p.length == 5 && p[0].equals("douyin") ? new Target(p[2], p[3], p[4]) : null;
    }
}

package io.kefu.gateway.connector.feishu;

/**
 * Conversation ids of Feishu buyers: {@code feishu:{channelId}:{chat_id}:{open_id}} — one
 * conversation per person per chat (p2p or group); the reply goes to the chat, read back from the
 * id so sending needs no lookup. Feishu ids ({@code oc_…}, {@code ou_…}) contain no ':'.
 */
final class FeishuConversations {
    private FeishuConversations() {
    }

    static String id(String channelId, String chatId, String openId) {
        return "feishu:" + channelId + ":" + chatId + ":" + openId;
    }

    /** The chat_id to send to, or null when the id is not one of ours. */
    static String chatId(String conversationId) {
        String[] p = conversationId.split(":");
        return p.length == 4 && p[0].equals("feishu") ? p[2] : null;
    }
}

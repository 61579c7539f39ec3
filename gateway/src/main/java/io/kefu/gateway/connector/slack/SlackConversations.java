package io.kefu.gateway.connector.slack;

/**
 * Conversation ids of Slack buyers: {@code slack:{channelId}:{slackChannel}:{userId}} — one
 * conversation per person per Slack conversation (DM or channel). The reply target is read back
 * from the id, so sending needs no lookup. Slack ids and kefu channel ids contain no ':'.
 */
final class SlackConversations {
    private SlackConversations() {
    }

    static String id(String channelId, String slackChannel, String user) {
        return "slack:" + channelId + ":" + slackChannel + ":" + user;
    }

    /** The Slack channel to post to, or null when the id is not one of ours. */
    static String slackChannel(String conversationId) {
        String[] parts = conversationId.split(":");
        return parts.length == 4 && parts[0].equals("slack") ? parts[2] : null;
    }
}

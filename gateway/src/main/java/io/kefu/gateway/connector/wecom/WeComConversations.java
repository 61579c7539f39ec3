package io.kefu.gateway.connector.wecom;

/**
 * Conversation ids of WeCom buyers, carrying what a reply needs so sending needs no lookup:
 * {@code wecom:{channelId}:app:{userid}} for a self-built app's member, and
 * {@code wecom:{channelId}:kf:{open_kfid}:{external_userid}} for a 微信客服 customer.
 */
final class WeComConversations {
    private WeComConversations() {
    }

    record Target(boolean kf, String openKfId, String user) {}

    static String app(String channelId, String userId) {
        return "wecom:" + channelId + ":app:" + userId;
    }

    static String kf(String channelId, String openKfId, String externalUserId) {
        return "wecom:" + channelId + ":kf:" + openKfId + ":" + externalUserId;
    }

    /** The reply target, or null when the id is not a WeCom conversation. */
    static Target target(String conversationId) {
        String[] p = conversationId.split(":", 5);
        if (p.length == 4 && p[0].equals("wecom") && p[2].equals("app")) {
            return new Target(false, null, p[3]);
        }
        if (p.length == 5 && p[0].equals("wecom") && p[2].equals("kf")) {
            return new Target(true, p[3], p[4]);
        }
        return null;
    }
}

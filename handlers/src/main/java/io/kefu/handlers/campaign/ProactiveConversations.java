package io.kefu.handlers.campaign;

import io.kefu.proto.v1.Platform;

/**
 * Which conversation a proactive message joins. Only channels whose conversation id follows from
 * channel + buyer can be written to first; for the open channel that is {@code open:{channel}:{buyer}}
 * (the same rule as the gateway's open-channel handler). Slack and WeCom conversations also need a
 * platform chat id the order feed does not carry, so they are refused at config time.
 */
public final class ProactiveConversations {
    private ProactiveConversations() {
    }

    static boolean supports(Platform p) {
        return p == Platform.OPEN;
    }

    public static String conversationId(StoreCampaign store, String buyerId) {
        if (store.chatPlatform() != Platform.OPEN) {
            throw new IllegalStateException("no proactive conversations on " + store.chatPlatform());
        }
        return "open:" + store.chatChannel() + ":" + buyerId;
    }
}

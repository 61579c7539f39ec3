package io.kefu.gateway.connector.wecom;

import io.kefu.gateway.connector.ConnectionState;
import io.kefu.gateway.connector.ConnectionStateHolder;
import io.kefu.gateway.connector.Connector;
import io.kefu.gateway.connector.ConnectorContext;
import io.kefu.gateway.connector.SendLimits;
import io.kefu.gateway.connector.SendOutcome;
import io.kefu.gateway.connector.StableReplyId;
import io.kefu.gateway.connector.WebhookReceiver;
import io.kefu.handlers.config.ChannelConfig;
import io.kefu.proto.v1.OutboundMessage;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A WeCom corp app: callbacks in (self-built app messages and 微信客服 pull notifications),
 * {@code message/send} or {@code kf/send_msg} out, chosen by the conversation.
 */
final class WeComConnector implements Connector {
    private final ConnectorContext ctx;
    private final WeComSettings settings;
    private final WeComApi api;
    private final WeChatKfSendWindow window;
    private final WeChatKfSync kf;
    private final WeComCallbackWebhook webhook;
    private final ConnectionStateHolder state;

    WeComConnector(ConnectorContext ctx) {
        this.ctx = ctx;
        this.settings = WeComSettings.from(ctx);
        this.api = new WeComApi(ctx.http(), settings, WeComAccessToken.create(ctx.http(), settings, ctx.clock()));
        this.window = new WeChatKfSendWindow(ctx.redis());
        this.kf = new WeChatKfSync(ctx, api, window);
        this.webhook = new WeComCallbackWebhook(ctx, settings, new WeComCallbackCrypto(settings.aesKey(), settings.corpId()), kf);
        this.state = ctx.newState();
    }

    @Override
    public ChannelConfig channel() {
        return ctx.channel();
    }

    @Override
    public void start() throws Exception {
        state.set(ConnectionState.CONNECTING);
        api.token().checkAtStart(ctx, state, "WeCom", "corp_id/secret", "secret");
        // Callbacks come to us; "connected" means the webhook is served.
        state.set(ConnectionState.CONNECTED);
        // Catch up on 微信客服 messages that arrived while kefu was down (cursor in Redis).
        settings.openKfIds().forEach(id -> kf.pull(id, null));
    }

    @Override
    public ConnectionState state() {
        return state.get();
    }

    @Override
    public CompletableFuture<SendOutcome> send(OutboundMessage reply) {
        WeComConversations.Target t = WeComConversations.target(reply.getConversationId());
        if (t == null) {
            return CompletableFuture.completedFuture(new SendOutcome.Permanent("not a WeCom conversation: " + reply.getConversationId()));
        }
        if (!t.kf()) {
            if (settings.agentId() == null) {
                return CompletableFuture.completedFuture(new SendOutcome.Permanent("no agent_id configured for app replies"));
            }
            return api.sendAppText(t.user(), settings.agentId(), reply.getText());
        }
        String closed;
        try {
            closed = window.closedReason(reply.getConversationId(), ctx.clock().millis());
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(new SendOutcome.Transient("redis: " + e.getMessage()));
        }
        if (closed != null) {
            return CompletableFuture.completedFuture(new SendOutcome.Permanent(closed));
        }
        return api.sendKfText(t.user(), t.openKfId(), StableReplyId.of(reply.getId()), reply.getText()).thenApply(o -> {
            if (o instanceof SendOutcome.Accepted) {
                window.sent(reply.getConversationId());
            }
            return o;
        });
    }

    @Override
    public SendLimits sendLimits() {
        return new SendLimits(5, 5, settings.sendsPerSecond(), (int) Math.max(1, settings.sendsPerSecond()), 12);
    }

    @Override
    public Optional<WebhookReceiver> webhook() {
        return Optional.of(webhook);
    }

    @Override
    public void close() {
        kf.close();
        state.set(ConnectionState.STOPPED);
    }
}

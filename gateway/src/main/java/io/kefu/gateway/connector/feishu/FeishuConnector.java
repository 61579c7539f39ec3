package io.kefu.gateway.connector.feishu;

import io.kefu.gateway.connector.ConnectionState;
import io.kefu.gateway.connector.ConnectionStateHolder;
import io.kefu.gateway.connector.Connector;
import io.kefu.gateway.connector.ConnectorContext;
import io.kefu.gateway.connector.SendLimits;
import io.kefu.gateway.connector.SendOutcome;
import io.kefu.gateway.connector.WebhookReceiver;
import io.kefu.handlers.config.ChannelConfig;
import io.kefu.proto.v1.OutboundMessage;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** A Feishu self-built app: the long connection (and/or the HTTP event subscription) in, im/v1/messages out. */
final class FeishuConnector implements Connector {
    private final ConnectorContext ctx;
    private final FeishuSettings settings;
    private final FeishuApi api;
    private final ConnectionStateHolder state;
    private final FeishuLongConnection longConnection;
    private final FeishuEventsWebhook webhook;

    FeishuConnector(ConnectorContext ctx) {
        this.ctx = ctx;
        this.settings = FeishuSettings.from(ctx);
        this.api = new FeishuApi(ctx.http(), settings, FeishuTenantToken.create(ctx.http(), settings, ctx.clock()));
        FeishuEventDecoder decoder = new FeishuEventDecoder(ctx.channel().id(), ctx.store().id(), settings.appId());
        this.state = ctx.newState();
        this.longConnection = settings.longConnection() ? new FeishuLongConnection(ctx, api, decoder, state) : null;
        this.webhook = settings.encryptKey() == null ? null
                : new FeishuEventsWebhook(ctx, new FeishuEventCrypto(settings.encryptKey()), decoder);
    }

    @Override
    public ChannelConfig channel() {
        return ctx.channel();
    }

    @Override
    public void start() throws Exception {
        api.token().checkAtStart(ctx, state, "Feishu", "app_id/app_secret", "app_secret");
        if (longConnection != null) {
            longConnection.start();
        } else {
            state.set(ConnectionState.CONNECTED); // webhook only: Feishu connects to us
        }
    }

    @Override
    public ConnectionState state() {
        return state.get();
    }

    @Override
    public CompletableFuture<SendOutcome> send(OutboundMessage reply) {
        String chat = FeishuConversations.chatId(reply.getConversationId());
        if (chat == null) {
            return CompletableFuture.completedFuture(new SendOutcome.Permanent("not a Feishu conversation: " + reply.getConversationId()));
        }
        return api.sendText(chat, reply.getText(), reply.getId());
    }

    @Override
    public SendLimits sendLimits() {
        return new SendLimits(settings.sendsPerSecondPerChat(), (int) Math.max(1, settings.sendsPerSecondPerChat()),
                settings.sendsPerSecond(), (int) Math.max(1, settings.sendsPerSecond()), 12);
    }

    @Override
    public Optional<WebhookReceiver> webhook() {
        return Optional.ofNullable(webhook);
    }

    @Override
    public void close() {
        if (longConnection != null) {
            longConnection.close();
        }
        state.set(ConnectionState.STOPPED);
    }
}

package io.kefu.gateway.connector.douyin;

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

/** A Douyin app: the webhook in, the reply API ({@link DouyinApi}) out. */
final class DouyinConnector implements Connector {
    private final ConnectorContext ctx;
    private final DouyinSettings settings;
    private final DouyinApi api;
    private final DouyinWebhook webhook;
    private final ConnectionStateHolder state;

    DouyinConnector(ConnectorContext ctx) {
        this.ctx = ctx;
        this.settings = DouyinSettings.from(ctx);
        this.api = new DouyinApi(ctx.http(), settings, DouyinClientToken.create(ctx.http(), settings, ctx.clock()));
        this.webhook = new DouyinWebhook(ctx, settings);
        this.state = ctx.newState();
    }

    @Override
    public ChannelConfig channel() {
        return ctx.channel();
    }

    @Override
    public void start() throws Exception {
        state.set(ConnectionState.CONNECTING);
        api.token().checkAtStart(ctx, state, "Douyin", "client_key/client_secret", "client_secret");
        state.set(ConnectionState.CONNECTED); // Douyin connects to us
    }

    @Override
    public ConnectionState state() {
        return state.get();
    }

    @Override
    public CompletableFuture<SendOutcome> send(OutboundMessage reply) {
        DouyinConversations.Target t = DouyinConversations.target(reply.getConversationId());
        if (t == null) {
            return CompletableFuture.completedFuture(new SendOutcome.Permanent("not a Douyin conversation: " + reply.getConversationId()));
        }
        return api.sendText(t, reply.getText(), StableReplyId.of(reply.getId()));
    }

    @Override
    public SendLimits sendLimits() {
        return new SendLimits(settings.sendsPerSecondPerConversation(), (int) Math.max(1, settings.sendsPerSecondPerConversation()),
                settings.sendsPerSecond(), (int) Math.max(1, settings.sendsPerSecond()), 12);
    }

    @Override
    public Optional<WebhookReceiver> webhook() {
        return Optional.of(webhook);
    }

    @Override
    public void close() {
        state.set(ConnectionState.STOPPED);
    }
}

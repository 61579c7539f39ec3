package io.kefu.gateway.connector.slack;

import io.kefu.gateway.connector.ConnectionState;
import io.kefu.gateway.connector.ConnectionStateHolder;
import io.kefu.gateway.connector.Connector;
import io.kefu.gateway.connector.ConnectorContext;
import io.kefu.gateway.connector.ConnectorStartException;
import io.kefu.gateway.connector.SendLimits;
import io.kefu.gateway.connector.SendOutcome;
import io.kefu.gateway.connector.WebhookReceiver;
import io.kefu.handlers.config.ChannelConfig;
import io.kefu.proto.v1.OutboundMessage;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A Slack app installed in one workspace: Socket Mode and/or the Events API webhook in, chat.postMessage out. */
final class SlackConnector implements Connector {
    private static final Logger log = LoggerFactory.getLogger(SlackConnector.class);

    private final ConnectorContext ctx;
    private final SlackSettings settings;
    private final SlackApi api;
    private final SlackEventDecoder decoder;
    private final ConnectionStateHolder state;
    private final SlackSocketModeConnector socketMode;
    private final SlackEventsWebhook webhook;

    SlackConnector(ConnectorContext ctx) {
        this.ctx = ctx;
        this.settings = SlackSettings.from(ctx);
        this.api = new SlackApi(ctx.http(), settings);
        this.decoder = new SlackEventDecoder(ctx.channel().id(), ctx.store().id());
        this.state = ctx.newState();
        this.socketMode = settings.appToken() == null ? null : new SlackSocketModeConnector(ctx, api, decoder, settings, state);
        this.webhook = settings.signingSecret() == null ? null : new SlackEventsWebhook(ctx, settings.signingSecret(), decoder);
    }

    @Override
    public ChannelConfig channel() {
        return ctx.channel();
    }

    @Override
    public void start() throws Exception {
        try {
            decoder.botUserId(api.authTest().get(10, TimeUnit.SECONDS));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SlackApi.SlackApiException s && s.fatal()) {
                state.set(ConnectionState.FAILED);
                throw new ConnectorStartException("Slack refused the bot token of channel " + ctx.channel().id() + " ("
                        + ctx.settingPath("bot_token") + "): " + s.error);
            }
            // Unreachable for now: bot posts are still recognised by their bot_id.
            log.warn("Slack channel {}: auth.test failed: {}", ctx.channel().id(), e.getCause().toString());
        } catch (TimeoutException e) {
            log.warn("Slack channel {}: auth.test timed out", ctx.channel().id());
        }
        if (socketMode != null) {
            socketMode.start();
        } else {
            state.set(ConnectionState.CONNECTED); // webhook only: Slack connects to us
        }
    }

    @Override
    public ConnectionState state() {
        return state.get();
    }

    @Override
    public CompletableFuture<SendOutcome> send(OutboundMessage reply) {
        String channel = SlackConversations.slackChannel(reply.getConversationId());
        if (channel == null) {
            return CompletableFuture.completedFuture(new SendOutcome.Permanent("not a Slack conversation: " + reply.getConversationId()));
        }
        return api.postMessage(channel, reply.getText());
    }

    @Override
    public SendLimits sendLimits() {
        // chat.postMessage: about 1 message per second per Slack channel, short bursts tolerated.
        return new SendLimits(settings.perConversationPerSecond(), 3, settings.perChannelPerSecond(),
                (int) Math.max(1, settings.perChannelPerSecond()), 12);
    }

    @Override
    public Optional<WebhookReceiver> webhook() {
        return Optional.ofNullable(webhook);
    }

    @Override
    public void close() {
        if (socketMode != null) {
            socketMode.close();
        }
        state.set(ConnectionState.STOPPED);
    }
}

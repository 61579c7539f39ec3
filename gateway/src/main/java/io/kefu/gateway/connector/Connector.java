package io.kefu.gateway.connector;

import io.kefu.handlers.config.ChannelConfig;
import io.kefu.proto.v1.OutboundMessage;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One configured channel on one platform: the only thing a platform package has to implement.
 *
 * <p>Inbound, a connector verifies and decodes the platform's events and hands them to
 * {@link InboundPipeline#persist} before acknowledging the platform, then calls
 * {@link InboundPipeline#dispatch}. Outbound, it makes exactly one send attempt per
 * {@link #send} call and says how it went; rate limiting, retries, ordering and exactly-once
 * bookkeeping are done for every platform alike by {@link ReplySendQueue}.
 *
 * <p>Long-connection platforms (Slack Socket Mode, Feishu) open their sockets in {@link #start};
 * webhook platforms (WeCom, Slack Events API, Douyin) return a {@link WebhookReceiver} that the
 * node serves at {@code /webhooks/{platform}/{channelId}}. A connector may do both.
 */
public interface Connector extends AutoCloseable {

    ChannelConfig channel();

    /**
     * Checks credentials and opens outgoing connections. Throws {@link ConnectorStartException}
     * when the platform definitively refuses the credentials (the node does not start); a platform
     * that is merely unreachable is retried in the background with backoff instead.
     */
    void start() throws Exception;

    /** Where the connection stands now (a webhook-only connector is {@link ConnectionState#CONNECTED} once started). */
    ConnectionState state();

    /** One attempt to hand a reply to the platform's send API. Must not throw; failures are outcomes. */
    CompletableFuture<SendOutcome> send(OutboundMessage reply);

    /** The platform's send limits for this channel. */
    SendLimits sendLimits();

    /** The webhook this connector serves, if the platform pushes over HTTP. */
    default Optional<WebhookReceiver> webhook() {
        return Optional.empty();
    }

    /** Stops connections and timers; never throws. */
    @Override
    void close();
}

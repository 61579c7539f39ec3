package io.kefu.gateway.openchannel;

import io.kefu.gateway.GatewayMetrics;
import io.kefu.handlers.pipeline.ConversationDispatcher;
import io.kefu.handlers.store.RedisInbox;
import io.kefu.handlers.store.ReplyOutbox;
import java.time.Clock;
import java.util.concurrent.Executor;

/**
 * What an open-channel connection needs from the node. {@code blocking} runs Redis calls, which
 * must never run on a Netty event loop.
 */
public record OpenChannelServices(
        RedisInbox inbox,
        ReplyOutbox outbox,
        ConversationDispatcher dispatcher,
        OpenChannelSessions sessions,
        GatewayMetrics metrics,
        Executor blocking,
        Clock clock,
        int heartbeatIntervalMs) {
}

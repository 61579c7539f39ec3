package io.kefu.gateway;

import io.kefu.gateway.extension.HttpEndpoint;
import io.kefu.gateway.extension.NodeContext;
import io.kefu.gateway.outbound.ReplyDelivery;
import io.kefu.handlers.bot.BotApp;
import io.kefu.handlers.config.KefuConfig;
import io.kefu.handlers.pipeline.ConversationDispatcher;
import io.kefu.handlers.store.RedisConversationStore;
import io.kefu.handlers.store.RedisInbox;
import io.kefu.handlers.store.ReplyOutbox;
import io.kefu.proto.v1.Platform;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.IntSupplier;
import redis.clients.jedis.UnifiedJedis;

/** The node's parts as its extensions see them. */
record ExtensionContext(
        KefuConfig config,
        UnifiedJedis redis,
        Clock clock,
        BotApp app,
        RedisInbox inbox,
        ReplyOutbox outbox,
        RedisConversationStore conversations,
        ConversationDispatcher dispatcher,
        GatewayMetrics metrics,
        ExecutorService blocking,
        ScheduledExecutorService timer,
        IntSupplier port,
        List<HttpEndpoint> endpoints,
        Map<Platform, ReplyDelivery> deliveries) implements NodeContext {

    /**
     * Identity, not contents: extensions key per-node data by their context, and the endpoint list
     * grows while they start, which must not change who the node is.
     */
    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    @Override
    public void registerEndpoint(HttpEndpoint endpoint) {
        endpoints.add(endpoint);
    }

    @Override
    public void registerDelivery(Platform platform, ReplyDelivery delivery) {
        if (deliveries.putIfAbsent(platform, delivery) != null) {
            throw new IllegalStateException("a delivery for " + platform + " is already registered");
        }
    }
}

package io.kefu.gateway.extension;

import io.kefu.gateway.GatewayMetrics;
import io.kefu.gateway.outbound.ReplyDelivery;
import io.kefu.handlers.bot.BotApp;
import io.kefu.handlers.config.KefuConfig;
import io.kefu.handlers.pipeline.ConversationDispatcher;
import io.kefu.handlers.store.RedisConversationStore;
import io.kefu.handlers.store.RedisInbox;
import io.kefu.handlers.store.ReplyOutbox;
import io.kefu.proto.v1.Platform;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.IntSupplier;
import redis.clients.jedis.UnifiedJedis;

/** What a node offers its extensions. */
public interface NodeContext {
    KefuConfig config();

    UnifiedJedis redis();

    Clock clock();

    BotApp app();

    RedisInbox inbox();

    ReplyOutbox outbox();

    RedisConversationStore conversations();

    ConversationDispatcher dispatcher();

    GatewayMetrics metrics();

    /** For Redis and other blocking calls; never block a Netty event loop. */
    ExecutorService blocking();

    ScheduledExecutorService timer();

    /** The HTTP port once the server listens (0 before). */
    IntSupplier port();

    void registerEndpoint(HttpEndpoint endpoint);

    /** The delivery for replies to conversations of {@code platform}; one per platform. */
    void registerDelivery(Platform platform, ReplyDelivery delivery);
}

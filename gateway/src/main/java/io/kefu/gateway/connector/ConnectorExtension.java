package io.kefu.gateway.connector;

import io.kefu.gateway.extension.NodeContext;
import io.kefu.gateway.extension.NodeExtension;
import io.kefu.handlers.config.ChannelConfig;
import io.kefu.handlers.config.StoreConfig;
import io.kefu.proto.v1.OutboundMessage;
import io.kefu.proto.v1.Platform;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a {@link Connector} for every configured channel whose platform has a
 * {@link ConnectorFactory}, serves their webhooks under {@code /webhooks/…}, and registers one
 * {@link io.kefu.gateway.outbound.ReplyDelivery} per platform that routes each reply to its
 * channel's {@link ReplySendQueue}. At start it also hands in every reply a previous run left in
 * the outbox, so a crash after a commit never loses a platform reply.
 */
public final class ConnectorExtension implements NodeExtension {
    private static final Logger log = LoggerFactory.getLogger(ConnectorExtension.class);
    static final Duration HTTP_TIMEOUT = Duration.ofSeconds(10);

    private final List<ConnectorFactory> factories;
    private final Map<String, Connector> connectors = new LinkedHashMap<>();
    private final Map<String, ReplySendQueue> queues = new LinkedHashMap<>();
    private ScheduledExecutorService scheduler;

    public ConnectorExtension() {
        this(ServiceLoader.load(ConnectorFactory.class).stream().map(ServiceLoader.Provider::get).toList());
    }

    public ConnectorExtension(List<ConnectorFactory> factories) {
        this.factories = List.copyOf(factories);
    }

    @Override
    public String name() {
        return "platform connectors";
    }

    @Override
    public void start(NodeContext node) {
        Map<Platform, ConnectorFactory> byPlatform = new EnumMap<>(Platform.class);
        factories.forEach(f -> f.platforms().forEach(p -> byPlatform.put(p, f)));
        List<StoreConfig> stores = node.config().stores();
        List<Map.Entry<StoreConfig, ChannelConfig>> channels = new ArrayList<>();
        for (StoreConfig s : stores) {
            for (ChannelConfig c : s.channels()) {
                if (byPlatform.containsKey(c.platform())) {
                    channels.add(Map.entry(s, c));
                }
            }
        }
        if (channels.isEmpty()) {
            return;
        }
        scheduler = Executors.newScheduledThreadPool(1, r -> {
            Thread t = new Thread(r, "kefu-connector-timer-" + COUNTER.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        ConnectorMetrics metrics = new ConnectorMetrics(node.metrics().registry);
        InboundPipeline inbound = new InboundPipeline(node.inbox(), node.dispatcher(), node.metrics());
        JsonHttpClient http = new JsonHttpClient(node.blocking(), HTTP_TIMEOUT);
        SentReplies sent = new SentReplies(node.redis());
        WebhookEndpoint webhooks = new WebhookEndpoint(node.blocking(), metrics);
        Backoff sendBackoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30));
        for (Map.Entry<StoreConfig, ChannelConfig> e : channels) {
            ChannelConfig c = e.getValue();
            ConnectorFactory f = byPlatform.get(c.platform());
            Connector connector = f.create(new ConnectorContext(node.config(), e.getKey(), c, inbound, metrics, http, scheduler,
                    node.blocking(), node.redis(), node.clock()));
            connectors.put(c.id(), connector);
            queues.put(c.id(), new ReplySendQueue(connector, node.outbox(), sent, metrics, scheduler, node.blocking(), sendBackoff));
            connector.webhook().ifPresent(w -> f.webhookSegments(c.platform()).forEach(seg -> webhooks.register(seg, c.id(), w)));
        }
        if (!webhooks.isEmpty()) {
            node.registerEndpoint(webhooks);
        }
        for (Platform p : byPlatform.keySet()) {
            if (channels.stream().anyMatch(e -> byPlatform.get(e.getValue().platform()) == byPlatform.get(p))) {
                node.registerDelivery(p, this::route);
            }
        }
    }

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private void route(OutboundMessage reply) {
        ReplySendQueue q = queues.get(reply.getChannelId());
        if (q == null) {
            log.warn("reply {} is for channel {} which has no connector; it stays in the outbox", reply.getId(), reply.getChannelId());
            return;
        }
        q.deliver(reply);
    }

    @Override
    public void started(NodeContext node) throws Exception {
        for (Connector c : connectors.values()) {
            c.start();
        }
        if (!connectors.isEmpty()) {
            node.blocking().execute(() -> redeliverLeftovers(node));
        }
    }

    /** Replies committed by an earlier run and never confirmed by the platform. */
    private void redeliverLeftovers(NodeContext node) {
        try {
            int n = 0;
            for (String conv : node.inbox().activeConversations(100_000)) {
                for (OutboundMessage r : node.outbox().pending(conv)) {
                    if (queues.containsKey(r.getChannelId())) {
                        route(r);
                        n++;
                    }
                }
            }
            if (n > 0) {
                log.info("re-sending {} platform replies left in the outbox", n);
            }
        } catch (RuntimeException e) {
            log.warn("could not scan the outbox for unsent platform replies: {}", e.toString());
        }
    }

    /** The connector of a channel (tests, health pages). */
    public Connector connector(String channelId) {
        return connectors.get(channelId);
    }

    @Override
    public void close() {
        queues.values().forEach(ReplySendQueue::close);
        connectors.values().forEach(Connector::close);
        if (scheduler != null) {
            scheduler.shutdownNow();
            try {
                scheduler.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

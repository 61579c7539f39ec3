package io.kefu.gateway.orderfeed;

import com.fasterxml.jackson.databind.JsonNode;
import io.kefu.gateway.connector.ConnectorMetrics;
import io.kefu.gateway.admin.AdminToken;
import io.kefu.gateway.extension.NodeContext;
import io.kefu.gateway.admin.AdminToken;
import io.kefu.gateway.extension.NodeExtension;
import io.kefu.gateway.orderfeed.pinduoduo.PinduoduoFeedSettings;
import io.kefu.gateway.orderfeed.pinduoduo.PinduoduoPushConnector;
import io.kefu.handlers.campaign.CampaignEngine;
import io.kefu.handlers.campaign.CampaignMetrics;
import io.kefu.handlers.campaign.CampaignSettings;
import io.kefu.handlers.campaign.CampaignTurnMiddleware;
import io.kefu.handlers.campaign.InboxProactiveChannel;
import io.kefu.handlers.campaign.OptOutMiddleware;
import io.kefu.handlers.campaign.OptOuts;
import io.kefu.handlers.config.ConfigException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Order feeds and the proactive service, started from the {@code campaigns:} section: the campaign
 * engine (its due tasks run every {@code poll_interval_ms} on every node — claims keep that exactly
 * once), the bot middleware that turns proactive markers into replies and hears opt-outs, the TMC
 * and Pinduoduo push connections, and the admin report. Without a {@code campaigns.stores} section it does nothing.
 */
public final class OrderFeedExtension implements NodeExtension {
    private static final Logger log = LoggerFactory.getLogger(OrderFeedExtension.class);

    private final List<FeedConnection> feeds = new ArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private CampaignEngine engine;
    private OrderFeedSettings feedSettings;
    private ScheduledFuture<?> poller;

    @Override
    public String name() {
        return "order feeds and proactive service";
    }

    /** The engine once started (tests, and a sandbox extension that feeds demo orders). */
    public Optional<CampaignEngine> engine() {
        return Optional.ofNullable(engine);
    }

    @Override
    public void start(NodeContext ctx) {
        Optional<JsonNode> section = ctx.config().section("campaigns");
        Optional<CampaignSettings> settings = CampaignSettings.fromConfig(ctx.config());
        if (section.isEmpty()) {
            return;
        }
        if (settings.isEmpty()) {
            throw new ConfigException("config", "campaigns.stores", "required when campaigns: is present");
        }
        feedSettings = OrderFeedSettings.parse(section.get(), settings.get());
        CampaignMetrics metrics = new CampaignMetrics(ctx.metrics().registry);
        engine = new CampaignEngine(ctx.redis(), settings.get(),
                new InboxProactiveChannel(ctx.inbox(), ctx.redis(), ctx.dispatcher()::submit), metrics, ctx.clock());
        ctx.app().use(new OptOutMiddleware(settings.get(), new OptOuts(ctx.redis())));
        ctx.app().use(new CampaignTurnMiddleware(ctx.redis()));
        AdminToken.of(ctx.config()).ifPresent(t -> ctx.registerEndpoint(new CampaignReportEndpoint(t, engine, ctx.blocking(), ctx.clock())));
        long ms = feedSettings.pollInterval().toMillis();
        poller = ctx.timer().scheduleWithFixedDelay(() -> runDue(ctx), ms, ms, TimeUnit.MILLISECONDS);
    }

    private void runDue(NodeContext ctx) {
        if (!running.compareAndSet(false, true)) {
            return; // the last round is still going
        }
        try {
            ctx.blocking().execute(() -> {
                try {
                    engine.runDue();
                } catch (RuntimeException e) {
                    log.warn("campaign round failed (retried next round): {}", e.toString());
                } finally {
                    running.set(false);
                }
            });
        } catch (RuntimeException e) {
            running.set(false);
        }
    }

    @Override
    public void started(NodeContext ctx) throws Exception {
        if (engine == null) {
            return;
        }
        ConnectorMetrics metrics = new ConnectorMetrics(ctx.metrics().registry);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        for (TaobaoFeedSettings t : feedSettings.taobao()) {
            TaobaoTmcConnector c = new TaobaoTmcConnector(t, engine::ingest, metrics, ctx.timer(), ctx.blocking(), http, ctx.clock());
            feeds.add(c);
            c.start();
        }
        for (PinduoduoFeedSettings p : feedSettings.pinduoduo()) {
            PinduoduoPushConnector c = new PinduoduoPushConnector(p, engine::ingest, metrics, ctx.timer(), ctx.blocking(), http, ctx.clock());
            feeds.add(c);
            c.start();
        }
    }

    @Override
    public void close() {
        if (poller != null) {
            poller.cancel(false);
        }
        feeds.forEach(FeedConnection::close);
    }
}

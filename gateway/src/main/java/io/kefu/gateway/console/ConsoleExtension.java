package io.kefu.gateway.console;

import io.kefu.gateway.extension.NodeContext;
import io.kefu.gateway.extension.NodeExtension;
import io.kefu.handlers.handoff.HandoffClocks;
import io.kefu.handlers.handoff.HandoffDesk;
import io.kefu.handlers.handoff.HandoffSweeper;
import io.kefu.handlers.metrics.Counter;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent console and the human desk behind it, switched on by a {@code console} section in
 * kefu.yaml: gives each store its handoff rules, registers the agents, serves {@code /console},
 * relays desk events to connected consoles, and runs the sweeper (presence, SLA, silence,
 * auto-assignment) every {@code console.sweep_interval_ms}.
 */
public final class ConsoleExtension implements NodeExtension {
    private static final Logger log = LoggerFactory.getLogger(ConsoleExtension.class);

    private ConsoleEvents events;
    private ScheduledFuture<?> sweeping;

    @Override
    public String name() {
        return "console";
    }

    @Override
    public void start(NodeContext ctx) {
        var section = ctx.config().section("console");
        if (section.isEmpty()) {
            return;
        }
        ConsoleSettings settings = ConsoleSettings.parse(section.get(), ctx.config());
        settings.rules().forEach(ctx.app().escalation()::configure);
        HandoffDesk desk = new HandoffDesk(ctx.redis(), ctx.dispatcher()::submit, ctx.clock());
        for (ConsoleAccount a : settings.accounts()) {
            if (a.capacity() > 0) {
                desk.roster().register(a.storeId(), a.username(), a.name(), a.capacity(), a.groups());
            }
        }
        HandoffClocks clocks = new HandoffClocks(ctx.redis());
        ConsoleSessions sessions = new ConsoleSessions(ctx.redis(), settings.sessionTtl());
        ConsoleViews views = new ConsoleViews(desk, clocks);
        ConsoleSockets sockets = new ConsoleSockets();
        ConsoleApi api = new ConsoleApi(settings, sessions, desk, ctx.conversations(), views, ConsoleOrders.from(ctx), ctx.clock());
        ctx.registerEndpoint(new ConsoleEndpoint(api, sessions, settings, sockets, desk.roster(), ctx.blocking(), ctx.clock()));
        events = new ConsoleEvents(ctx.redis(), sockets::push).start();
        ctx.metrics().registry.gauge("kefu_console_connections", "Agent console sockets on this node", sockets::count);

        Counter breaches = ctx.metrics().registry.counter("kefu_handoff_sla_breaches_total",
                "Handoff tickets that missed their first-response target");
        List<String> stores = ctx.config().stores().stream().map(s -> s.id()).toList();
        HandoffSweeper sweeper = new HandoffSweeper(ctx.redis(), desk, ctx.app().escalation(), () -> stores,
                () -> breaches.labels().inc(), ctx.clock());
        AtomicBoolean running = new AtomicBoolean();
        long every = settings.sweepInterval().toMillis();
        sweeping = ctx.timer().scheduleWithFixedDelay(() -> {
            if (!running.compareAndSet(false, true)) {
                return; // the previous sweep is still going
            }
            try {
                ctx.blocking().execute(() -> {
                    try {
                        sweeper.tick();
                    } catch (RuntimeException e) {
                        log.warn("handoff sweep failed: {}", e.toString());
                    } finally {
                        running.set(false);
                    }
                });
            } catch (RejectedExecutionException e) {
                running.set(false);
            }
        }, every, every, TimeUnit.MILLISECONDS);
        log.info("agent console at /console: {} accounts, {} stores", settings.accounts().size(), stores.size());
    }

    /**
     * A heartbeat: the agent is here. The profile is written again with it, so the queue always
     * knows the capacity and groups the config gives this agent now.
     */
    static void present(io.kefu.handlers.handoff.AgentRoster roster, ConsoleAccount a, String status, long now) {
        roster.register(a.storeId(), a.username(), a.name(), a.capacity(), a.groups());
        roster.heartbeat(a.storeId(), a.username(), status, now);
    }

    @Override
    public void close() {
        if (sweeping != null) {
            sweeping.cancel(false);
        }
        if (events != null) {
            events.close();
        }
    }
}

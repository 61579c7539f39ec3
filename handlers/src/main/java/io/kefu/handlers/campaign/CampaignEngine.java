package io.kefu.handlers.campaign;

import io.kefu.proto.v1.OrderEvent;
import io.kefu.proto.v1.OrderEventType;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;

/**
 * The proactive service: order events in ({@link #ingest}), scheduled messages out ({@link #runDue}).
 *
 * <p>Ingest is the "persist" step of an order feed: when it returns, the event is folded into the
 * order's state and its work scheduled, durably, so the feed may confirm it to the platform.
 * {@link #runDue} may run on every node at once: tasks are claimed atomically, and every message
 * id is derived from its task, so nothing goes out twice and nothing is lost across restarts.
 */
public final class CampaignEngine {
    static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:@-]{1,128}");
    static final int CLAIM_BATCH = 200;
    static final Duration LEASE = Duration.ofMinutes(2);

    private final CampaignSettings settings;
    private final UnifiedJedis redis;
    private final OrderStore orders;
    private final TaskQueue queue;
    private final TaskRunner runner;
    private final CampaignReport report;
    private final CampaignMetrics metrics;
    private final Clock clock;

    public CampaignEngine(UnifiedJedis redis, CampaignSettings settings, ProactiveChannel channel, CampaignMetrics metrics, Clock clock) {
        this.settings = settings;
        this.redis = redis;
        this.orders = new OrderStore(redis);
        this.queue = new TaskQueue(redis);
        this.report = new CampaignReport(redis);
        this.runner = new TaskRunner(orders, queue, new RateLimits(redis), new OptOuts(redis), channel, report, metrics);
        this.metrics = metrics;
        this.clock = clock;
    }

    public CampaignSettings settings() {
        return settings;
    }

    public CampaignReport report() {
        return report;
    }

    public OrderStore orders() {
        return orders;
    }

    /**
     * Persists one event and schedules what it implies. Returns false for a redelivery.
     *
     * @throws InvalidOrderEventException for an event that can never be processed (poison)
     */
    public boolean ingest(OrderEvent e) {
        return ingestAll(List.of(e)) == 1;
    }

    /**
     * Many events, pipelined; returns how many were new. Validates all before writing any. An event
     * counts as seen only once its work is scheduled: a crash after the merge and before the
     * schedule leaves it to the redelivery ({@link OrderStore.Merged#resumed}).
     */
    public int ingestAll(List<OrderEvent> events) {
        for (OrderEvent e : events) {
            validate(e);
        }
        List<OrderStore.Merged> merged = orders.mergeAll(events);
        long now = clock.millis();
        Map<String, List<CampaignRules.Plan>> plans = new HashMap<>();
        int fresh = 0;
        List<OrderEvent> planned = new ArrayList<>();
        for (OrderStore.Merged m : merged) {
            String store = m.event().getStoreId();
            if (m.duplicate()) {
                metrics.duplicateEvents.labels(store).inc();
                continue;
            }
            fresh++;
            metrics.orderEvents.labels(store, m.event().getType().name()).inc();
            StoreCampaign s = settings.store(store).orElseThrow();
            plans.computeIfAbsent(store, k -> new ArrayList<>()).add(CampaignRules.plan(s, m.event(), m.view(), now));
            // a resumed event changes nothing, yet the crashed run may not have counted its payment (counted once either way)
            if (m.changed().contains(OrderFields.PAID) || (m.resumed() && m.view().paid())) {
                countPaidAfterReminder(s, m.view());
            }
            planned.add(m.event());
        }
        plans.forEach(queue::apply);
        orders.markPlanned(planned);
        return fresh;
    }

    /** A payment that followed the reminder is what the reminders earned: counted once per order. */
    private void countPaidAfterReminder(StoreCampaign s, OrderView v) {
        long reminded = v.at(OrderFields.done(CampaignTask.Kind.REMIND.doneKey()));
        if (reminded == 0 || v.at(OrderFields.PAID) < reminded) {
            return;
        }
        if (report.addOnce(s, v.orderId(), OrderFields.PAID_AFTER_COUNTED, v.at(OrderFields.PAID),
                Map.of(CampaignReport.PAID_AFTER_REMINDER, 1L, CampaignReport.RECOVERED_CENTS, v.amountCents()))) {
            metrics.paidAfterReminder.labels(s.storeId()).inc();
            metrics.recoveredCents.labels(s.storeId()).add(v.amountCents());
        }
    }

    /** Runs every task due now, for every store; returns how many tasks were handled. */
    public int runDue() {
        int n = 0;
        for (StoreCampaign s : settings.stores().values()) {
            n += runDue(s);
        }
        return n;
    }

    private int runDue(StoreCampaign s) {
        int total = 0;
        while (true) {
            long now = clock.millis();
            List<String> ids = queue.claim(s.storeId(), now, CLAIM_BATCH, LEASE.toMillis());
            if (ids.isEmpty()) {
                return total;
            }
            Map<String, OrderView> views = load(s.storeId(), ids);
            for (String id : ids) {
                String order = orderOf(id);
                runner.run(s, id, order == null ? null : views.get(order), now);
            }
            total += ids.size();
        }
    }

    private Map<String, OrderView> load(String storeId, List<String> taskIds) {
        Map<String, Response<Map<String, String>>> rs = new HashMap<>();
        try (AbstractPipeline p = redis.pipelined()) {
            for (String id : taskIds) {
                String order = orderOf(id);
                if (order != null && !rs.containsKey(order)) {
                    rs.put(order, p.hgetAll(CampaignKeys.order(storeId, order)));
                }
            }
            p.sync();
        }
        Map<String, OrderView> out = new HashMap<>();
        rs.forEach((order, r) -> {
            if (!r.get().isEmpty()) {
                out.put(order, OrderStore.toView(storeId, order, r.get()));
            }
        });
        return out;
    }

    private static String orderOf(String taskId) {
        String[] p = taskId.split("\\|", 3);
        return p.length >= 2 ? p[1] : null;
    }

    /** Tasks scheduled or in flight for a store (tests, metrics). */
    public long pending(String storeId) {
        return queue.pending(storeId);
    }

    /** Tasks claimed by some node's {@link #runDue} and not finished yet (a dead node's stay until their lease ends). */
    public long inFlight(String storeId) {
        return queue.inFlight(storeId);
    }

    /** When the store's next task is due, or Long.MAX_VALUE. */
    public long nextDue(String storeId) {
        return queue.nextDue(storeId);
    }

    private void validate(OrderEvent e) {
        if (e.getStoreId().isEmpty() || settings.store(e.getStoreId()).isEmpty()) {
            throw new InvalidOrderEventException("event " + e.getEventId() + ": store '" + e.getStoreId() + "' has no campaigns configured");
        }
        if (!ID.matcher(e.getEventId()).matches()) {
            throw new InvalidOrderEventException("event id must be 1-128 characters of letters, digits, _ . : @ - (got '"
                    + e.getEventId() + "')");
        }
        if (!ID.matcher(e.getOrderId()).matches()) {
            throw new InvalidOrderEventException("event " + e.getEventId() + ": bad order id '" + e.getOrderId() + "'");
        }
        if (!e.getBuyerId().isEmpty() && !ID.matcher(e.getBuyerId()).matches()) {
            throw new InvalidOrderEventException("event " + e.getEventId() + ": bad buyer id '" + e.getBuyerId() + "'");
        }
        if (e.getType() == OrderEventType.ORDER_EVENT_UNSPECIFIED || e.getType() == OrderEventType.UNRECOGNIZED) {
            throw new InvalidOrderEventException("event " + e.getEventId() + ": no event type");
        }
        if (e.getEventTime() <= 0) {
            throw new InvalidOrderEventException("event " + e.getEventId() + ": no event time");
        }
        if (e.getAmountCents() < 0) {
            throw new InvalidOrderEventException("event " + e.getEventId() + ": negative amount");
        }
    }
}

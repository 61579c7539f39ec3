package io.kefu.handlers.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kefu.handlers.metrics.Metrics;
import io.kefu.handlers.redis.RedisKeys;
import io.kefu.handlers.store.RedisInbox;
import io.kefu.handlers.testing.RedisExtension;
import io.kefu.proto.v1.LogisticsStatus;
import io.kefu.proto.v1.OrderEvent;
import io.kefu.proto.v1.OrderEventType;
import io.kefu.proto.v1.Platform;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * 10,000+ order events — duplicated, reordered (an event may arrive up to 30 min late, so "paid"
 * often precedes "created"), over a simulated week with nights — go straight into the engine with a
 * moving clock. The expected messages are computed here from each order's story alone (not from
 * the engine's rules code), and the engine must produce exactly those: each once, none in quiet
 * hours, none to opted-out buyers, with the counters to match.
 */
class OrderStreamTest {
    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    static final String STORE = "s1";
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final Instant T0 = ZonedDateTime.of(2025, 3, 3, 9, 0, 0, 0, ZONE).toInstant();
    static final Duration STEP = Duration.ofMinutes(10);
    static final long MIN = 60_000, HOUR = 60 * MIN, DAY = 24 * HOUR;

    record Arrival(long at, OrderEvent event) {}

    /** One order's story and what the rules say it must produce. */
    static final class Story {
        final List<OrderEvent> events = new ArrayList<>();
        final Set<String> expected = new TreeSet<>();
        boolean paidAfterReminder;
        long amount;
    }

    @Test
    void exactlyTheMessagesTheRulesSay() {
        MutableClock clock = new MutableClock(T0);
        StoreCampaign store = StoreCampaign.defaults(STORE, "web", Platform.OPEN).withReminderDelay(Duration.ofHours(1))
                .withLimits(20, 100_000);
        RecordingChannel channel = new RecordingChannel(new InboxProactiveChannel(new RedisInbox(redis.client(), clock), redis.client(),
                conv -> { }), clock);
        Metrics registry = new Metrics();
        CampaignMetrics metrics = new CampaignMetrics(registry);
        CampaignEngine engine = new CampaignEngine(redis.client(), CampaignSettings.of(store), channel, metrics, clock);
        OptOuts optOuts = new OptOuts(redis.client());

        Random rnd = new Random(8);
        List<Story> stories = new ArrayList<>();
        List<Arrival> arrivals = new ArrayList<>();
        Set<String> optedOut = new HashSet<>();
        int events = 0;
        for (int i = 0; events < 10_000; i++) {
            Story s = story(i, T0.toEpochMilli() + (long) (rnd.nextDouble() * 2 * DAY), rnd);
            String buyer = "b" + i;
            if (i % 17 == 5) {
                optOuts.optOut(STORE, buyer);
                optedOut.add(buyer);
                s.expected.clear();
                s.paidAfterReminder = false;
            }
            stories.add(s);
            for (OrderEvent e : s.events) {
                long at = e.getEventTime() + (long) (rnd.nextDouble() * 30 * MIN);
                arrivals.add(new Arrival(at, e));
                events++;
                if (rnd.nextDouble() < 0.15) {
                    arrivals.add(new Arrival(at + (long) (rnd.nextDouble() * 2 * HOUR), e)); // a redelivery
                    events++;
                }
            }
        }
        arrivals.sort(Comparator.comparingLong(Arrival::at));
        assertTrue(arrivals.size() >= 10_000);

        int next = 0;
        long end = T0.toEpochMilli() + 7 * DAY;
        int fresh = 0;
        while (clock.millis() <= end) {
            List<OrderEvent> batch = new ArrayList<>();
            while (next < arrivals.size() && arrivals.get(next).at() <= clock.millis()) {
                batch.add(arrivals.get(next++).event());
            }
            for (int from = 0; from < batch.size(); from += 500) {
                fresh += engine.ingestAll(batch.subList(from, Math.min(batch.size(), from + 500)));
            }
            engine.runDue();
            clock.advance(STEP);
        }
        assertEquals(arrivals.size(), next);

        Set<String> expected = new TreeSet<>();
        long paidAfter = 0, recovered = 0, reminders = 0, exceptions = 0;
        for (Story s : stories) {
            expected.addAll(s.expected);
            if (s.paidAfterReminder) {
                paidAfter++;
                recovered += s.amount;
            }
            reminders += s.expected.stream().filter(x -> x.startsWith("remind|")).count();
            exceptions += s.expected.stream().filter(x -> x.startsWith("stall|") || x.startsWith("exception|")).count();
        }
        List<String> sent = channel.freshIds();
        assertEquals(sent.size(), new HashSet<>(sent).size(), "a message went out twice");
        assertEquals(expected, new TreeSet<>(sent));
        assertEquals(stories.stream().mapToInt(s -> s.events.size()).sum(), fresh, "every distinct event counted once");
        for (RecordingChannel.Delivery d : channel.deliveries) {
            assertFalse(store.quietHours().isQuiet(d.at()), "sent in quiet hours: " + d);
            assertFalse(optedOut.contains(d.buyer()), "sent to an opted-out buyer: " + d);
        }
        // The inbox holds exactly one marker per expected message (its dedup, not only ours).
        long markers = 0;
        for (Story s : stories) {
            String buyer = s.events.get(0).getBuyerId();
            markers += redis.client().llen(RedisKeys.inbox(ProactiveConversations.conversationId(store, buyer)));
        }
        assertEquals(expected.size(), markers);
        assertEquals(reminders, metrics.remindersSent.value(STORE));
        assertEquals(paidAfter, metrics.paidAfterReminder.value(STORE));
        assertEquals(recovered, metrics.recoveredCents.value(STORE));
        assertEquals(exceptions, metrics.logisticsExceptions.value(STORE, "stalled") + metrics.logisticsExceptions.value(STORE, "failed"));
        long reportReminders = 0, reportRecovered = 0;
        for (int d = 0; d <= 8; d++) {
            Map<String, Long> day = engine.report().day(STORE, LocalDate.ofInstant(T0, ZONE).plusDays(d));
            reportReminders += day.get(CampaignReport.REMINDERS_SENT);
            reportRecovered += day.get(CampaignReport.RECOVERED_CENTS);
        }
        assertEquals(reminders, reportReminders);
        assertEquals(recovered, reportRecovered);
        assertEquals(0, engine.pending(STORE), "work left over");
        assertTrue(registry.render().contains("kefu_campaign_reminders_sent_total{store=\"s1\"} " + reminders));
    }

    /** Eight kinds of order, each far enough from the rule thresholds that 30 min of arrival jitter cannot change its fate. */
    static Story story(int i, long c, Random rnd) {
        Story s = new Story();
        String o = "o" + i;
        String buyer = "b" + i;
        s.amount = 1000 + rnd.nextInt(50_000);
        Map<String, Integer> seq = new HashMap<>();
        java.util.function.BiConsumer<OrderEventType, Long> add = (type, at) -> s.events.add(event(o, buyer, type, at, s.amount,
                LogisticsStatus.LOGISTICS_UNSPECIFIED, seq.merge(o, 1, Integer::sum)));
        add.accept(OrderEventType.ORDER_CREATED, c);
        switch (i % 8) {
            case 0 -> s.expected.add("remind|" + o);                                        // never paid
            case 1 -> add.accept(OrderEventType.ORDER_PAID, c + 10 * MIN);                  // paid before the reminder
            case 2 -> {                                                                      // paid days after the reminder
                add.accept(OrderEventType.ORDER_PAID, c + 3 * DAY);
                s.expected.add("remind|" + o);
                s.paidAfterReminder = true;
            }
            case 3 -> add.accept(OrderEventType.ORDER_CANCELLED, c + 20 * MIN);             // closed before the reminder
            case 4 -> {                                                                      // a normal delivery
                add.accept(OrderEventType.ORDER_PAID, c + 5 * MIN);
                add.accept(OrderEventType.ORDER_SHIPPED, c + DAY);
                add.accept(OrderEventType.LOGISTICS_UPDATE, c + DAY + 12 * HOUR);
                add.accept(OrderEventType.LOGISTICS_UPDATE, c + 2 * DAY);
                add.accept(OrderEventType.ORDER_DELIVERED, c + 2 * DAY + 12 * HOUR);
                s.expected.add("shipped|" + o);
                s.expected.add("care|" + o);
            }
            case 5 -> {                                                                      // the parcel stops moving
                add.accept(OrderEventType.ORDER_PAID, c + 5 * MIN);
                add.accept(OrderEventType.ORDER_SHIPPED, c + DAY);
                add.accept(OrderEventType.LOGISTICS_UPDATE, c + DAY + 6 * HOUR);
                s.expected.add("shipped|" + o);
                s.expected.add("stall|" + o);
            }
            case 6 -> {                                                                      // delivery fails
                add.accept(OrderEventType.ORDER_PAID, c + 5 * MIN);
                add.accept(OrderEventType.ORDER_SHIPPED, c + DAY);
                s.events.add(event(o, buyer, OrderEventType.LOGISTICS_UPDATE, c + DAY + 20 * HOUR, s.amount,
                        LogisticsStatus.DELIVERY_FAILED, seq.merge(o, 1, Integer::sum)));
                s.expected.add("shipped|" + o);
                s.expected.add("exception|" + o + "|failed");
            }
            default -> {                                                                     // a refund, start to end
                add.accept(OrderEventType.ORDER_PAID, c + 5 * MIN);
                add.accept(OrderEventType.REFUND_REQUESTED, c + HOUR);
                add.accept(OrderEventType.REFUND_AGREED, c + 3 * HOUR);
                add.accept(OrderEventType.REFUND_CLOSED, c + 5 * HOUR);
                s.expected.add("refund|" + o + "|requested|" + o + "-e3");
                s.expected.add("refund|" + o + "|agreed|" + o + "-e4");
                s.expected.add("refund|" + o + "|closed|" + o + "-e5");
            }
        }
        return s;
    }

    static OrderEvent event(String order, String buyer, OrderEventType type, long at, long amount, LogisticsStatus ls, int n) {
        OrderEvent.Builder b = OrderEvent.newBuilder().setEventId(order + "-e" + n).setPlatform(Platform.TAOBAO).setStoreId(STORE)
                .setOrderId(order).setBuyerId(buyer).setType(type).setEventTime(at).setLogisticsStatus(ls);
        if (type == OrderEventType.ORDER_CREATED || type == OrderEventType.ORDER_PAID) {
            b.setAmountCents(amount);
        }
        if (type == OrderEventType.ORDER_SHIPPED) {
            b.setCourier("SF").setTrackingNo("SF" + order.substring(1));
        }
        return b.build();
    }
}

package io.kefu.handlers.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kefu.handlers.metrics.Metrics;
import io.kefu.handlers.redis.RedisKeys;
import io.kefu.handlers.store.RedisInbox;
import io.kefu.handlers.testing.RedisExtension;
import io.kefu.proto.v1.OrderEvent;
import io.kefu.proto.v1.OrderEventType;
import io.kefu.proto.v1.Platform;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Restarts mid-schedule, quiet hours, opt-out, rate limits and arrival order, each with a hand-moved clock. */
class CampaignScheduleTest {
    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    final MutableClock clock = new MutableClock(at(10, 0));
    StoreCampaign store = StoreCampaign.defaults("s1", "web", Platform.OPEN);

    static Instant at(int hour, int minute) {
        return ZonedDateTime.of(2025, 3, 3, hour, minute, 0, 0, ZONE).toInstant();
    }

    CampaignEngine engine(ProactiveChannel channel) {
        return new CampaignEngine(redis.client(), CampaignSettings.of(store), channel, new CampaignMetrics(new Metrics()), clock);
    }

    RecordingChannel recording() {
        return new RecordingChannel(new InboxProactiveChannel(new RedisInbox(redis.client(), clock), redis.client(), c -> { }), clock);
    }

    static OrderEvent created(String order, String buyer, Instant t) {
        return OrderEvent.newBuilder().setEventId(order + "-c").setPlatform(Platform.TAOBAO).setStoreId("s1").setOrderId(order)
                .setBuyerId(buyer).setType(OrderEventType.ORDER_CREATED).setEventTime(t.toEpochMilli()).setAmountCents(9900).build();
    }

    static OrderEvent paid(String order, Instant t) {
        return OrderEvent.newBuilder().setEventId(order + "-p").setPlatform(Platform.TAOBAO).setStoreId("s1").setOrderId(order)
                .setType(OrderEventType.ORDER_PAID).setEventTime(t.toEpochMilli()).build();
    }

    long inboxSize(String buyer) {
        return redis.client().llen(RedisKeys.inbox(ProactiveConversations.conversationId(store, buyer)));
    }

    @Test
    void aRestartMidScheduleLosesAndDoublesNothing() {
        store = store.withLimits(10, 100_000);
        for (int i = 0; i < 300; i++) {
            engine(recording()).ingest(created("o" + i, "b" + i, clock.instant()));
        }
        clock.advance(Duration.ofMinutes(31));
        // Node 1 dies after handing over 120 messages — the 120th made durable but not yet marked done.
        AtomicInteger calls = new AtomicInteger();
        RecordingChannel real = recording();
        ProactiveChannel dying = m -> {
            boolean fresh = real.deliver(m);
            if (calls.incrementAndGet() == 120) {
                throw new IllegalStateException("node killed");
            }
            return fresh;
        };
        assertThrows(IllegalStateException.class, () -> engine(dying).runDue());
        // Node 2 starts; before the dead node's lease runs out it must not touch the claimed tasks.
        RecordingChannel second = recording();
        CampaignEngine restarted = engine(second);
        restarted.runDue();
        clock.advance(CampaignEngine.LEASE.plusSeconds(1));
        restarted.runDue();
        restarted.runDue();
        List<String> all = new ArrayList<>(real.freshIds());
        all.addAll(second.freshIds());
        assertEquals(300, all.size(), "each reminder handed over exactly once");
        assertEquals(300, new java.util.HashSet<>(all).size());
        for (int i = 0; i < 300; i++) {
            assertEquals(1, inboxSize("b" + i), "buyer b" + i);
        }
        assertEquals(0, restarted.pending("s1"));
        assertEquals(300, restarted.report().day("s1", LocalDate.of(2025, 3, 3)).get(CampaignReport.REMINDERS_SENT),
                "each reminder counted once, the one the dead node handed over too");
    }

    @Test
    void anEventMergedButNeverScheduledIsScheduledByItsRedelivery() {
        CampaignEngine engine = engine(recording());
        OrderEvent lost = created("o1", "b1", clock.instant());
        // the node died after the merge and before the schedule: the order exists, no task does
        List<OrderStore.Merged> merged = engine.orders().mergeAll(List.of(lost));
        assertTrue(!merged.get(0).duplicate() && !merged.get(0).resumed());
        assertEquals(0, engine.pending("s1"));

        CampaignEngine restarted = engine(recording());
        assertTrue(restarted.ingest(lost), "the redelivery must not be taken for a duplicate");
        assertEquals(1, restarted.pending("s1"), "the reminder is scheduled now");
        assertTrue(!restarted.ingest(lost), "once scheduled, the next redelivery is a duplicate");
        assertEquals(1, restarted.pending("s1"));

        clock.advance(Duration.ofMinutes(31));
        restarted.runDue();
        assertEquals(1, inboxSize("b1"), "the reminder went out once");
        assertEquals(0, restarted.pending("s1"));
    }

    @Test
    void quietHoursHoldTheReminderUntilMorning() {
        clock.set(at(21, 40));
        RecordingChannel ch = recording();
        CampaignEngine e = engine(ch);
        e.ingest(created("o1", "b1", clock.instant())); // due 22:10: quiet
        clock.set(at(22, 15));
        e.runDue();
        clock.set(ZonedDateTime.of(2025, 3, 4, 7, 59, 0, 0, ZONE).toInstant());
        e.runDue();
        assertEquals(List.of(), ch.freshIds());
        clock.set(ZonedDateTime.of(2025, 3, 4, 8, 0, 0, 0, ZONE).toInstant());
        e.runDue();
        assertEquals(List.of("remind|o1"), ch.freshIds());
        assertTrue(ch.deliveries.get(0).text().contains("o1"));
    }

    @Test
    void payingCancelsTheReminderAndPayingAfterItIsCounted() {
        RecordingChannel ch = recording();
        Metrics registry = new Metrics();
        CampaignMetrics metrics = new CampaignMetrics(registry);
        store = store.withCoupon("满100减10");
        CampaignEngine e = new CampaignEngine(redis.client(), CampaignSettings.of(store), ch, metrics, clock);
        e.ingest(created("o1", "b1", clock.instant()));
        e.ingest(created("o2", "b2", clock.instant()));
        clock.advance(Duration.ofMinutes(10));
        e.ingest(paid("o1", clock.instant()));
        clock.advance(Duration.ofMinutes(25));
        e.runDue();
        assertEquals(List.of("remind|o2"), ch.freshIds());
        assertTrue(ch.deliveries.get(0).text().contains("满100减10"));
        clock.advance(Duration.ofHours(2));
        e.ingest(paid("o2", clock.instant()));
        e.ingest(paid("o2", clock.instant())); // redelivered
        assertEquals(1, metrics.paidAfterReminder.value("s1"));
        assertEquals(9900, metrics.recoveredCents.value("s1"));
        clock.advance(Duration.ofDays(2));
        e.ingest(created("o2", "b2", clock.instant())); // a late duplicate never brings the reminder back
        e.runDue();
        assertEquals(List.of("remind|o2"), ch.freshIds());
    }

    @Test
    void anOptedOutBuyerGetsNothing() {
        RecordingChannel ch = recording();
        CampaignEngine e = engine(ch);
        e.ingest(created("o1", "b1", clock.instant()));
        new OptOuts(redis.client()).optOut("s1", "b1");
        clock.advance(Duration.ofHours(1));
        e.runDue();
        assertEquals(List.of(), ch.freshIds());
        assertEquals(0, inboxSize("b1"));
        assertTrue(OptOutMiddleware.asksToStop("不要再给我发这些消息了"));
        assertTrue(OptOutMiddleware.asksToStop("退订"));
        assertTrue(OptOutMiddleware.asksToStop("Please don't send me these"));
        assertTrue(!OptOutMiddleware.asksToStop("我的快递到哪了"));
        assertTrue(!OptOutMiddleware.asksToStop("退订单怎么操作")); // "退订单" is about returning an order
    }

    @Test
    void perBuyerLimitMovesTheRestToTheNextDay() {
        store = store.withLimits(2, 1000);
        RecordingChannel ch = recording();
        CampaignEngine e = engine(ch);
        for (int i = 0; i < 4; i++) {
            e.ingest(created("o" + i, "same-buyer", clock.instant()));
        }
        clock.advance(Duration.ofHours(1));
        e.runDue();
        assertEquals(2, ch.freshIds().size());
        clock.set(ZonedDateTime.of(2025, 3, 4, 8, 0, 0, 0, ZONE).toInstant());
        e.runDue();
        assertEquals(4, ch.freshIds().size());
    }

    @Test
    void stateIsTheSameWhateverTheArrivalOrder() {
        List<OrderEvent> story = new ArrayList<>(OrderStreamTest.story(4, clock.millis(), new Random(1)).events);
        story.addAll(story.subList(0, 3)); // duplicates
        String expected = null;
        for (int round = 0; round < 6; round++) {
            redis.client().flushAll();
            Collections.shuffle(story, new Random(round));
            CampaignEngine e = engine(recording());
            story.forEach(ev -> e.ingest(ev.toBuilder().setStoreId("s1").build()));
            String state = new java.util.TreeMap<>(e.orders().view("s1", "o4").orElseThrow().fields()).toString();
            if (expected == null) {
                expected = state;
            }
            assertEquals(expected, state, "round " + round);
        }
        assertTrue(expected.contains("paid_at") && expected.contains("delivered_at") && expected.contains("courier=SF"));
    }

    @Test
    void poisonEventsAreRefusedAndChangeNothing() {
        CampaignEngine e = engine(recording());
        assertThrows(InvalidOrderEventException.class, () -> e.ingest(created("o|1", "b1", clock.instant())));
        assertThrows(InvalidOrderEventException.class, () -> e.ingest(created("o1", "b1", clock.instant()).toBuilder()
                .setStoreId("other").build()));
        assertThrows(InvalidOrderEventException.class, () -> e.ingest(created("o1", "b1", clock.instant()).toBuilder()
                .setType(OrderEventType.ORDER_EVENT_UNSPECIFIED).build()));
        assertEquals(0, redis.client().dbSize());
    }
}

package io.kefu.sandbox.orderfeed;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kefu.gateway.KefuNode;
import io.kefu.gateway.openchannel.client.OpenChannelClient;
import io.kefu.gateway.orderfeed.OrderFeedExtension;
import io.kefu.handlers.campaign.CampaignEngine;
import io.kefu.handlers.campaign.CampaignMetrics;
import io.kefu.handlers.campaign.MutableClock;
import io.kefu.handlers.campaign.OrderView;
import io.kefu.handlers.campaign.ProactiveConversations;
import io.kefu.handlers.config.ConfigLoader;
import io.kefu.handlers.config.KefuConfig;
import io.kefu.handlers.metrics.Metrics;
import io.kefu.handlers.store.ReplyOutbox;
import io.kefu.handlers.testing.RedisExtension;
import io.kefu.handlers.testing.TestModels;
import io.kefu.proto.v1.OutboundMessage;
import io.kefu.proto.v1.Reply;
import io.kefu.sandbox.sim.OrderFeedSimulator;
import io.kefu.sandbox.sim.pinduoduo.PinduoduoPushSimulator;
import io.kefu.sandbox.sim.taobao.TaobaoTmcSimulator;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8's "done when", against the simulators: 10,000+ order events of two stores, generated from
 * seeded order stories, go out through the Taobao TMC and Pinduoduo push simulators — arriving up to
 * 30 minutes late (so "paid" often overtakes "created"), some sent again hours after they were
 * acknowledged, duplicated and reordered by the platforms, links dropped, malformed frames and poison
 * events thrown in — over real sockets into a real kefu node (order-feed extension, campaign engine,
 * bot turns, outbox) on a real Redis, while a hand-moved clock walks six days in 10-minute steps.
 * In the middle of the schedule — the 08:00 burst after a night of quiet hours, with due tasks
 * claimed — the node is killed and a new one started on the same Redis.
 *
 * <p>The expected messages, and the minute each must go out, are computed here from each story
 * alone (the rules as README states them, not the engine's code). What the buyers' chats hold at
 * the end — the proactive replies in each conversation's outbox — must be exactly those: each once,
 * at its time (waiting for 08:00 when it fell in quiet hours), none to the buyers who said "退订";
 * every event acknowledged, every order's state right, and the admin report's totals to match.
 *
 * <p>Synchronisation is by conditions only: after each step the test waits until both platforms
 * have every event acknowledged, the engine has nothing due or claimed, and no bot turn is running.
 */
class OrderStreamOverSimulatorsTest {
    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final long T0 = ZonedDateTime.of(2025, 3, 3, 9, 0, 0, 0, ZONE).toInstant().toEpochMilli(); // a Monday, 09:00
    static final long MIN = 60_000, HOUR = 60 * MIN, DAY = 24 * HOUR, STEP = 10 * MIN;
    static final long END = T0 + 6 * DAY;
    /** Wednesday 08:00: the first step after the night, when everything the night held back is due. */
    static final long RESTART_AT = T0 + 2 * DAY - HOUR;
    static final long REMINDER_DELAY = HOUR, STALL_AFTER = 48 * HOUR;
    static final String TB = "tb-shop", PDD = "pdd-shop", ADMIN_TOKEN = "stream-admin-token-0123456";
    static final Duration T = Duration.ofSeconds(30);

    @TempDir
    Path dataDir;

    final MutableClock clock = new MutableClock(Instant.ofEpochMilli(T0));
    final HttpClient http = HttpClient.newHttpClient();
    TaobaoTmcSimulator tmc;
    PinduoduoPushSimulator pdd;
    KefuNode node;
    OrderFeedExtension feeds;

    // ------------------------------------------------------------------ the ground truth

    /** One event of a story; {@code id} and {@code publishedAt} are filled in when the platform first sends it. */
    static final class Ev {
        final String type;
        final String content;
        final long time;
        long id = -1;
        long publishedAt;

        Ev(String type, String content, long time) {
            this.type = type;
            this.content = content;
            this.time = time;
        }
    }

    /** A message the rules call for: its task key and when it becomes due (before quiet hours). */
    record Expect(String key, long dueAt) {}

    /** One order's life and the messages it must bring. */
    static final class Story {
        final boolean taobao;
        final String store;
        final String order;
        final String buyer;
        final long amountCents;
        final List<Ev> events = new ArrayList<>();
        /** Evaluated after the run (refund keys carry the platform's message id). */
        final List<Supplier<Expect>> expects = new ArrayList<>();
        String tracking = "";
        boolean paidAfterReminder;
        boolean optedOut;
        boolean created, paid, cancelled, shipped, delivered;

        Story(boolean taobao, int n, long amountCents) {
            this.taobao = taobao;
            this.store = taobao ? TB : PDD;
            this.order = taobao ? String.valueOf(3_100_000_000_000L + n) : "250303-" + (600_000_000L + n);
            this.buyer = (taobao ? "tb-buyer-" : "pdd-buyer-") + n;
            this.amountCents = amountCents;
        }

        Ev add(String type, long time, String extra) {
            String ids = taobao ? "\"tid\":\"" + order + "\",\"buyer_open_uid\":\"" + buyer + "\""
                    : "\"tid\":\"" + order + "\",\"buyer_id\":\"" + buyer + "\"";
            Ev e = new Ev(type, "{" + ids + extra + "}", time);
            events.add(e);
            return e;
        }

        String eventId(Ev e) {
            return (taobao ? "tmc-" : "pdd-") + e.id;
        }
    }

    record Arrival(long at, Story story, Ev ev, boolean again) {}

    static String yuan(long cents) {
        return String.format(Locale.ROOT, "%d.%02d", cents / 100, cents % 100);
    }

    /** Taobao: nine kinds of order, each far enough from every rule threshold that 30 min of lateness cannot change its fate. */
    static Story taobao(int n, long c, Random rnd) {
        Story s = new Story(true, n, 1_000 + rnd.nextInt(50_000));
        String o = s.order;
        s.created = true;
        s.add("taobao_trade_TradeCreate", c, ",\"payment\":\"" + yuan(s.amountCents) + "\"");
        int kind = n % 9;
        if (kind == 0) {                                                   // never paid
            s.expects.add(() -> new Expect("remind|" + o, c + REMINDER_DELAY));
            return s;
        }
        if (kind == 2) {                                                   // paid days after the reminder
            s.paid = true;
            s.add("taobao_trade_TradeBuyerPay", c + 3 * DAY, "");
            s.expects.add(() -> new Expect("remind|" + o, c + REMINDER_DELAY));
            s.paidAfterReminder = true;
            return s;
        }
        if (kind == 3) {                                                   // closed before the reminder
            s.cancelled = true;
            s.add("taobao_trade_TradeClose", c + 20 * MIN, "");
            return s;
        }
        s.paid = true;
        s.add("taobao_trade_TradeBuyerPay", c + (kind == 1 ? 10 : 5) * MIN, "");     // paid before the reminder
        if (kind == 1) {
            return s;
        }
        if (kind == 7) {                                                   // a refund, start to end
            Ev req = s.add("taobao_refund_RefundCreated", c + HOUR, ",\"desc\":\"size\"");
            Ev agreed = s.add("taobao_refund_RefundSellerAgreeAgreement", c + 3 * HOUR, "");
            Ev closed = s.add("taobao_refund_RefundClosed", c + 5 * HOUR, "");
            s.expects.add(() -> new Expect("refund|" + o + "|requested|" + s.eventId(req), req.publishedAt));
            s.expects.add(() -> new Expect("refund|" + o + "|agreed|" + s.eventId(agreed), agreed.publishedAt));
            s.expects.add(() -> new Expect("refund|" + o + "|closed|" + s.eventId(closed), closed.publishedAt));
            return s;
        }
        s.shipped = true;
        s.tracking = "SF" + o;
        Ev ship = s.add("taobao_trade_TradeSellerShip", c + DAY, ",\"company_name\":\"SF\",\"out_sid\":\"" + s.tracking + "\"");
        s.expects.add(() -> new Expect("shipped|" + o, ship.publishedAt));
        switch (kind) {
            case 4 -> {                                                    // a normal delivery
                s.add("taobao_logistics_LogsticDetailTrace", c + DAY + 12 * HOUR, ",\"action\":\"TRANSPORT\"");
                s.add("taobao_logistics_LogsticDetailTrace", c + 2 * DAY, ",\"action\":\"TRANSPORT\"");
                s.delivered = true;
                Ev done = s.add("taobao_trade_TradeSuccess", c + 2 * DAY + 12 * HOUR, "");
                s.expects.add(() -> new Expect("care|" + o, done.publishedAt));
            }
            case 5 -> {                                                    // the parcel stops moving
                s.add("taobao_logistics_LogsticDetailTrace", c + DAY + 6 * HOUR, ",\"action\":\"TRANSPORT\"");
                s.expects.add(() -> new Expect("stall|" + o, c + DAY + 6 * HOUR + STALL_AFTER));
            }
            case 6 -> {                                                    // delivery fails
                Ev failed = s.add("taobao_logistics_LogsticDetailTrace", c + DAY + 20 * HOUR, ",\"action\":\"FAILED\"");
                s.expects.add(() -> new Expect("exception|" + o + "|failed", failed.publishedAt));
            }
            default -> {                                                   // returned to sender
                Ev back = s.add("taobao_logistics_LogsticDetailTrace", c + DAY + 10 * HOUR, ",\"action\":\"RETURN\"");
                s.expects.add(() -> new Expect("exception|" + o + "|returned", back.publishedAt));
            }
        }
        return s;
    }

    /** Pinduoduo: the seller first hears of an order when it is paid, so there is never a reminder. */
    static Story pinduoduo(int n, long c, Random rnd) {
        Story s = new Story(false, n, 1_000 + rnd.nextInt(50_000));
        String o = s.order;
        s.paid = true;
        s.add("pdd_trade_TradeConfirmed", c, ",\"pay_amount\":\"" + yuan(s.amountCents) + "\"");
        switch (n % 5) {
            case 0 -> { }                                                  // paid, nothing more
            case 1, 2 -> {
                s.shipped = true;
                s.tracking = "YT" + o.replace("-", "");
                Ev ship = s.add("pdd_trade_TradeSellerShip", c + DAY, ",\"shipping_name\":\"YTO\",\"tracking_number\":\""
                        + s.tracking + "\"");
                s.expects.add(() -> new Expect("shipped|" + o, ship.publishedAt));
                if (n % 5 == 1) {                                          // delivered
                    s.delivered = true;
                    Ev done = s.add("pdd_trade_TradeSuccess", c + 2 * DAY + 12 * HOUR, "");
                    s.expects.add(() -> new Expect("care|" + o, done.publishedAt));
                } else {                                                   // never moves again
                    s.expects.add(() -> new Expect("stall|" + o, c + DAY + STALL_AFTER));
                }
            }
            case 3 -> {                                                    // a refund, start to end
                Ev req = s.add("pdd_refund_RefundCreated", c + HOUR, ",\"desc\":\"size\"");
                Ev agreed = s.add("pdd_refund_RefundAgreeAgreement", c + 3 * HOUR, "");
                Ev closed = s.add("pdd_refund_RefundClosed", c + 5 * HOUR, "");
                s.expects.add(() -> new Expect("refund|" + o + "|requested|" + s.eventId(req), req.publishedAt));
                s.expects.add(() -> new Expect("refund|" + o + "|agreed|" + s.eventId(agreed), agreed.publishedAt));
                s.expects.add(() -> new Expect("refund|" + o + "|closed|" + s.eventId(closed), closed.publishedAt));
            }
            default -> {                                                   // closed right after payment
                s.cancelled = true;
                s.add("pdd_trade_TradeClose", c + 20 * MIN, "");
            }
        }
        return s;
    }

    /** Quiet hours as README states the default: 22:00–08:00 in the store's time zone. */
    static boolean quiet(long t) {
        LocalTime local = Instant.ofEpochMilli(t).atZone(ZONE).toLocalTime();
        return local.getHour() >= 22 || local.getHour() < 8;
    }

    static long stepAtOrAfter(long t) {
        return T0 + Math.floorDiv(t - T0 + STEP - 1, STEP) * STEP;
    }

    /** The step a message due at {@code dueAt} goes out: the first step at or after it, moved to 08:00 if that is quiet. */
    static long expectedSendStep(long dueAt) {
        long step = stepAtOrAfter(dueAt);
        if (!quiet(step)) {
            return step;
        }
        ZonedDateTime z = Instant.ofEpochMilli(step).atZone(ZONE);
        LocalDate day = z.getHour() >= 22 ? z.toLocalDate().plusDays(1) : z.toLocalDate();
        return day.atTime(8, 0).atZone(ZONE).toInstant().toEpochMilli();
    }

    // ------------------------------------------------------------------ the node

    KefuNode startNode() {
        String yaml = """
                admin:
                  token: %s
                stores:
                  - id: %s
                    language: zh
                    channels:
                      - {id: tb-web, platform: open, token: tb-web-token-1}
                  - id: %s
                    language: zh
                    channels:
                      - {id: pdd-web, platform: open, token: pdd-web-token-1}
                campaigns:
                  poll_interval_ms: 50
                  stores:
                    %s: {chat_channel: tb-web, reminder_delay_minutes: 60, buyer_daily_limit: 20, channel_per_minute: 100000}
                    %s: {chat_channel: pdd-web, buyer_daily_limit: 20, channel_per_minute: 100000}
                  taobao:
                    - {store: %s, app_key: "%s", app_secret: %s, url: "%s", pull_interval_ms: 200, heartbeat_ms: 500}
                  pinduoduo:
                    - {store: %s, client_id: %s, client_secret: %s, mall_id: "%d", url: "%s", heartbeat_ms: 500}
                """.formatted(ADMIN_TOKEN, TB, PDD, TB, PDD,
                TB, TaobaoTmcSimulator.APP_KEY, TaobaoTmcSimulator.APP_SECRET, tmc.url(),
                PDD, PinduoduoPushSimulator.CLIENT_ID, PinduoduoPushSimulator.CLIENT_SECRET, PinduoduoPushSimulator.MALL_ID, pdd.url());
        KefuConfig config = ConfigLoader.parse("order-stream", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
        feeds = new OrderFeedExtension();
        return KefuNode.start(KefuNode.Options.of(config).port(0).host("127.0.0.1").redisUrl(redis.url()).dataDir(dataDir)
                .classifier(TestModels.fast()).discoverExtensions(false).extension(feeds).clock(clock));
    }

    CampaignEngine engine() {
        return feeds.engine().orElseThrow();
    }

    @AfterEach
    void stop() {
        for (AutoCloseable c : new AutoCloseable[] {node, tmc, pdd}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // closing after a failure; the failure is what matters
            }
        }
    }

    static ConditionFactory waiting(String what) {
        return await(what).atMost(T).pollInSameThread().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1));
    }

    /** One sample of a node's /metrics text, by its full series name (labels included). */
    static long sample(String metrics, String series) {
        for (String line : metrics.split("\n")) {
            if (line.startsWith(series + " ")) {
                return (long) Double.parseDouble(line.substring(series.length() + 1));
            }
        }
        throw new AssertionError("no series " + series);
    }

    /**
     * The end of a step: both platforms hold nothing unacknowledged (over live links), everything due
     * now has been handed over (the test runs due work too — beside the node's own poller, as a second
     * node would), and every bot turn has committed. Right after a restart the killed node's claims
     * stay in flight until their lease ends, so only "nothing left due" is awaited then.
     */
    void settle(long now, boolean afterRestart) {
        waiting("every event acknowledged").until(() -> tmc.connected() && pdd.connected()
                && tmc.pendingCount() == 0 && pdd.pendingCount() == 0);
        CampaignEngine e = engine();
        e.runDue();
        waiting("due work handed over").until(() -> e.nextDue(TB) > now && e.nextDue(PDD) > now
                && (afterRestart || e.inFlight(TB) + e.inFlight(PDD) == 0));
        waiting("bot turns done").until(() -> sample(node.metrics().render(), "kefu_turns_in_flight") == 0);
    }

    void publish(Arrival a) {
        OrderFeedSimulator<?> sim = a.story().taobao ? tmc : pdd;
        if (a.again()) {
            sim.redeliver(a.ev().id); // the platform sends it again hours later (its acknowledgement "got lost")
        } else {
            a.ev().id = sim.publish(a.ev().type, a.ev().content, a.ev().time);
            a.ev().publishedAt = clock.millis();
        }
    }

    // ------------------------------------------------------------------ the run

    @Test
    void tenThousandEventsOverTheSimulatorsBringExactlyTheMessagesTheRulesSay() throws Exception {
        tmc = new TaobaoTmcSimulator().clock(clock).duplicateRate(0.05).reorder(true).redeliverAfter(Duration.ofMillis(300)).start();
        pdd = new PinduoduoPushSimulator().clock(clock).duplicateRate(0.05).reorder(true).redeliverAfter(Duration.ofMillis(300)).start();

        // Stories: three Taobao orders for every two Pinduoduo ones, created over two days.
        Random rnd = new Random(20250303);
        List<Story> stories = new ArrayList<>();
        List<Arrival> arrivals = new ArrayList<>();
        int tbN = 0, pddN = 0;
        for (int i = 0; arrivals.size() < 10_000; i++) {
            long c = T0 + (long) (rnd.nextDouble() * 2 * DAY);
            Story s = i % 5 < 3 ? taobao(tbN++, c, rnd) : pinduoduo(pddN++, c, rnd);
            s.optedOut = i % 193 == 7;
            stories.add(s);
            for (Ev e : s.events) {
                long at = e.time + (long) (rnd.nextDouble() * 30 * MIN);
                arrivals.add(new Arrival(at, s, e, false));
                if (rnd.nextDouble() < 0.15) {
                    arrivals.add(new Arrival(at + (long) (rnd.nextDouble() * 2 * HOUR), s, e, true));
                }
            }
        }
        arrivals.sort(Comparator.comparingLong(Arrival::at)); // stable: a redelivery never precedes its first sending
        assertTrue(arrivals.size() >= 10_000);

        node = startNode();
        waiting("feeds connected").until(() -> tmc.connected() && pdd.connected());

        // Some buyers say "退订" in the store's chat before anything happens.
        for (Story s : stories) {
            if (s.optedOut) {
                String channel = s.taobao ? "tb-web" : "pdd-web";
                try (OpenChannelClient chat = OpenChannelClient.connect(OpenChannelClient.uri("127.0.0.1", node.port(), channel),
                        channel + "-token-1", T)) {
                    chat.auth(s.buyer, T);
                    chat.send("optout-1", "退订").get();
                    Reply confirmation = chat.nextReply(T);
                    assertNotNull(confirmation, "no answer to 退订");
                    assertTrue(confirmation.getText().contains("不会再给您发送"), confirmation.getText());
                }
            }
        }

        int next = 0;
        long leasesAtRestart = -1;
        List<Long> poison = new ArrayList<>();
        for (long now = T0; now <= END; now += STEP) {
            clock.set(Instant.ofEpochMilli(now));
            int before = next;
            while (next < arrivals.size() && arrivals.get(next).at() <= now) {
                publish(arrivals.get(next++));
            }
            long step = (now - T0) / STEP;
            CampaignEngine e = engine();
            if (next == before && e.nextDue(TB) > now && e.nextDue(PDD) > now && e.inFlight(TB) + e.inFlight(PDD) == 0
                    && step % 97 != 40 && step != 400 && now != RESTART_AT) {
                continue; // a quiet step: nothing arrived, nothing due (the last step left nothing running)
            }
            if (step % 97 == 40) { // nine drops, alternating between the platforms, before and after the restart
                (step % 2 == 0 ? tmc : pdd).dropConnections(); // unacknowledged events come again on the next link
            }
            if (step == 400) {
                tmc.sendRawWhenConnected(new byte[] {2, 2, 1, 0, (byte) 0xff});
                pdd.sendRawWhenConnected("{\"commandType\":\"Common\",\"message\":");
                poison.add(tmc.publish("taobao_item_ItemAdd", "{\"num_iid\":7}", now));
                poison.add(pdd.publish("pdd_trade_TradeMemoModified", "{\"tid\":\"250303-1\"}", now));
            }
            if (now == RESTART_AT) {
                // The node dies while it works through the night's backlog: tasks claimed, events unacknowledged.
                CampaignEngine dying = engine();
                waiting("the 08:00 backlog claimed").until(() -> dying.inFlight(TB) + dying.inFlight(PDD) > 0);
                node.kill();
                CampaignEngine probe = new CampaignEngine(redis.client(), dying.settings(), m -> {
                    throw new AssertionError("the probe only reads the queue");
                }, new CampaignMetrics(new Metrics()), clock);
                leasesAtRestart = probe.inFlight(TB) + probe.inFlight(PDD);
                node = startNode();
            }
            settle(now, now == RESTART_AT);
        }
        assertEquals(arrivals.size(), next);
        long overtaken = stories.stream().filter(s -> s.events.stream().anyMatch(a -> s.events.stream()
                .anyMatch(b -> a.time < b.time && a.publishedAt > b.publishedAt))).count();
        assertTrue(overtaken > 100, "too few orders whose events arrived out of order: " + overtaken);
        assertTrue(leasesAtRestart > 0, "the killed node held no claimed tasks: the restart was not mid-schedule");

        // ---------------------------------------------------------------- what the buyers got
        Map<String, Long> expectedAt = new TreeMap<>();
        Map<String, Story> storyOf = new HashMap<>();
        Set<String> withheld = new TreeSet<>();
        Set<String> heldOverNight = new TreeSet<>();
        for (Story s : stories) {
            for (Supplier<Expect> x : s.expects) {
                Expect e = x.get();
                String key = s.store + "|" + e.key();
                storyOf.put(key, s);
                if (s.optedOut) {
                    withheld.add(key);
                } else {
                    expectedAt.put(key, expectedSendStep(e.dueAt()));
                    if (quiet(stepAtOrAfter(e.dueAt()))) {
                        heldOverNight.add(key);
                    }
                }
            }
        }
        Map<String, List<OutboundMessage>> got = new TreeMap<>();
        ReplyOutbox outbox = new ReplyOutbox(redis.client());
        for (Story s : stories) {
            String conversation = ProactiveConversations.conversationId(engine().settings().store(s.store).orElseThrow(), s.buyer);
            for (OutboundMessage r : outbox.pending(conversation)) {
                String prefix = "campaign:" + s.store + ":";
                if (r.getInReplyTo().startsWith(prefix)) {
                    got.computeIfAbsent(s.store + "|" + r.getInReplyTo().substring(prefix.length()), k -> new ArrayList<>()).add(r);
                }
            }
        }
        assertEquals(List.of(), got.entrySet().stream().filter(e -> e.getValue().size() > 1).map(Map.Entry::getKey).toList(),
                "messages that reached a buyer twice");
        assertEquals(expectedAt.keySet(), got.keySet(), "the messages the rules call for");
        assertFalse(withheld.isEmpty(), "no opted-out buyer would have had a message: the opt-out check proved nothing");

        for (Map.Entry<String, List<OutboundMessage>> e : got.entrySet()) {
            OutboundMessage r = e.getValue().get(0);
            long want = expectedAt.get(e.getKey());
            long at = r.getCreatedAt();
            assertFalse(quiet(at), () -> "sent in quiet hours: " + e.getKey() + " at " + Instant.ofEpochMilli(at).atZone(ZONE));
            // A task the killed node held waits for its lease (2 min) to run out: the next step.
            assertTrue(at == want || (want == RESTART_AT && at == want + STEP),
                    () -> e.getKey() + " sent at " + Instant.ofEpochMilli(at).atZone(ZONE) + ", expected "
                            + Instant.ofEpochMilli(want).atZone(ZONE));
            Story s = storyOf.get(e.getKey());
            assertTrue(r.getText().contains(s.order), r.getText());
            if (e.getKey().contains("|shipped|")) {
                assertTrue(r.getText().contains(s.tracking), r.getText());
            }
            if (e.getKey().contains("|remind|")) {
                assertTrue(r.getText().contains("¥" + yuan(s.amountCents)), r.getText());
            }
        }
        assertTrue(heldOverNight.size() > 100, "too few messages fell due in quiet hours to show they wait: " + heldOverNight.size());

        // ---------------------------------------------------------------- the platforms' side
        assertEquals(0, tmc.pendingCount());
        assertEquals(0, pdd.pendingCount());
        Map<Long, Integer> tmcAcks = tmc.acks(), pddAcks = pdd.acks();
        for (Story s : stories) {
            for (Ev e : s.events) {
                assertTrue((s.taobao ? tmcAcks : pddAcks).containsKey(e.id), () -> "never acknowledged: " + s.eventId(e));
            }
        }
        assertTrue(tmc.failed().containsKey(poison.get(0)), "TMC poison reported Failed");
        assertTrue(pddAcks.containsKey(poison.get(1)), "Pinduoduo poison acknowledged so it stops coming");
        assertTrue(tmc.duplicateCopies() > 0 && pdd.duplicateCopies() > 0, "the platforms duplicated nothing");
        assertEquals(List.of(), tmc.refusals());
        assertEquals(List.of(), pdd.refusals());
        assertEquals(List.of(), pdd.badAcks());
        String metrics = node.metrics().render();
        for (String channel : List.of("taobao:" + TB + ":default", "pinduoduo:" + PDD + ":" + PinduoduoPushSimulator.CLIENT_ID)) {
            String c = "{channel=\"" + channel + "\"";
            assertEquals(1, sample(metrics, "kefu_connector_dropped_total" + c + ",reason=\"malformed\"}"), channel);
            assertTrue(sample(metrics, "kefu_connector_dropped_total" + c + ",reason=\"poison\"}") >= 1, channel);
            assertTrue(sample(metrics, "kefu_connector_reconnects_total" + c + "}") >= 1, channel);
        }

        // ---------------------------------------------------------------- order state and the report
        for (Story s : stories) {
            OrderView v = engine().orders().view(s.store, s.order).orElseThrow(() -> new AssertionError("no order " + s.order));
            assertEquals(List.of(s.buyer, s.amountCents, s.created, s.paid, s.cancelled, s.shipped, s.delivered),
                    List.of(v.buyer(), v.amountCents(), v.created(), v.paid(), v.cancelled(), v.shipped(), v.delivered()), s.order);
        }
        assertEquals(0, engine().pending(TB) + engine().pending(PDD), "work left over");
        Map<String, Long> report = reportTotals(TB);
        Map<String, Long> pddReport = reportTotals(PDD);
        pddReport.forEach((k, v) -> report.merge(k, v, Long::sum));
        long reminders = expectedAt.keySet().stream().filter(k -> k.contains("|remind|")).count();
        long alerts = expectedAt.keySet().stream().filter(k -> k.contains("|stall|") || k.contains("|exception|")).count();
        List<Story> recovered = stories.stream().filter(s -> s.paidAfterReminder && !s.optedOut).toList();
        assertEquals(reminders, report.get("reminders_sent"));
        assertEquals(alerts, report.get("logistics_exceptions"));
        assertEquals(expectedAt.size() - reminders - alerts, report.get("follow_ups_sent"));
        assertEquals(recovered.size(), report.get("paid_after_reminder"));
        assertEquals(recovered.stream().mapToLong(s -> s.amountCents).sum(), report.get("recovered_amount_cents"));
        // A skip in the batch the killed node held is counted again when it is rerun.
        assertTrue(report.get("skipped_opted_out") >= withheld.size(), "opted-out skips " + report + " < " + withheld.size());
        assertEquals(0, pddReport.get("reminders_sent"), "Pinduoduo has no order-created event: no reminders");
    }

    /** Sums the admin report's counters over every day of the run. */
    Map<String, Long> reportTotals(String store) throws Exception {
        Map<String, Long> total = new TreeMap<>();
        ObjectMapper json = new ObjectMapper();
        LocalDate first = Instant.ofEpochMilli(T0).atZone(ZONE).toLocalDate();
        for (LocalDate d = first; !d.isAfter(first.plusDays(7)); d = d.plusDays(1)) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port()
                    + "/campaigns/report?store=" + store + "&day=" + d)).header("Authorization", "Bearer " + ADMIN_TOKEN).timeout(T)
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            JsonNode body = json.readTree(r.body());
            for (String k : List.of("reminders_sent", "paid_after_reminder", "recovered_amount_cents", "follow_ups_sent",
                    "logistics_exceptions", "skipped_opted_out")) {
                total.merge(k, body.path(k).asLong(), Long::sum);
            }
        }
        return total;
    }
}

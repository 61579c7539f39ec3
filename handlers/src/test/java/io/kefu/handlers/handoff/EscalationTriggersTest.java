package io.kefu.handlers.handoff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kefu.handlers.fixtures.Fixtures;
import io.kefu.handlers.testing.RedisExtension;
import io.kefu.proto.v1.Attachment;
import io.kefu.proto.v1.ConversationMode;
import io.kefu.proto.v1.HandoffTicket;
import io.kefu.proto.v1.InboundMessage;
import io.kefu.proto.v1.TurnRecord;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every escalation trigger of a store, through the real BotApp on real Redis; each ticket records its reason. */
class EscalationTriggersTest {
    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    // Wednesday 2024-01-10 10:00 UTC
    private final MutableClock clock = new MutableClock(1_704_880_800_000L);

    private Desk desk() {
        return new Desk(redis.client(), clock);
    }

    private static HandoffTicket ticketOf(io.kefu.handlers.bot.TurnResult r) {
        return r.ticket().orElseThrow(() -> new AssertionError("expected a handoff for " + r.inbound().getText()));
    }

    @Test
    void explicitRequestOpensAWaitingTicketInTheDefaultGroupWithAnSlaTarget() {
        Desk d = desk();
        HandoffTicket t = ticketOf(d.say("c1", "m1", "转人工"));
        assertEquals("explicit_request", t.getReason());
        assertEquals("default", t.getSkillGroup());
        assertEquals(HandoffTicket.Status.WAITING, t.getStatus());
        assertEquals(t.getCreatedAt() + 60_000, t.getSlaDueAt());
        assertEquals(ConversationMode.WAITING_FOR_AGENT, d.state("c1").getMode());
        assertEquals(java.util.List.of("c1"), d.desk.queue().waiting(Fixtures.STORE, "default"));
    }

    @Test
    void notUnderstoodTwiceInARowThenRepeatedFallbackOverall() {
        Desk d = desk();
        assertTrue(d.say("c1", "m1", "???").ticket().isEmpty());
        assertEquals("low_confidence", ticketOf(d.say("c1", "m2", "!!!")).getReason());

        // Not in a row, but three times in all: fallback, understood, fallback, understood, fallback.
        assertTrue(d.say("c2", "m1", "???").ticket().isEmpty());
        d.say("c2", "m2", "你好");
        assertTrue(d.say("c2", "m3", "???").ticket().isEmpty());
        d.say("c2", "m4", "你好");
        assertEquals("repeated_fallback", ticketOf(d.say("c2", "m5", "???")).getReason());
    }

    @Test
    void angryWordingComplaintsAndAfterSalesGoToTheAfterSalesGroupAheadOfOthers() {
        Desk d = desk();
        HandoffTicket angry = ticketOf(d.say("c1", "m1", "你们就是骗子"));
        assertEquals("angry_wording", angry.getReason());
        assertEquals("after_sales", angry.getSkillGroup());
        assertEquals("angry_wording", ticketOf(d.say("c2", "m1", "This is a SCAM")).getReason());
        assertEquals("complaint", ticketOf(d.say("c3", "m1", "我要投诉")).getReason());
        HandoffTicket broken = ticketOf(d.say("c4", "m1", "东西坏了"));
        assertEquals("after_sales", broken.getReason());
        assertEquals("after_sales", broken.getSkillGroup());
        HandoffTicket asked = ticketOf(d.say("c5", "m1", "转人工"));
        assertTrue(angry.getPriority() > asked.getPriority(), "an angry buyer is served before a plain request");
    }

    @Test
    void vipAndHighValueOrdersEscalateOnceFromSlotsOtherSkillsFill() {
        Desk d = desk();
        d.app.use((ctx, next) -> {
            if (ctx.inbound().getBuyerId().equals("buyer-vip")) {
                ctx.state().putSlots("member_tier", "VIP");
            }
            if (ctx.inbound().getBuyerId().equals("buyer-big")) {
                ctx.state().putSlots("order_amount", "5999.00");
            }
            next.run();
        });
        HandoffTicket vip = ticketOf(d.say("vip", "m1", "你好"));
        assertEquals("vip", vip.getReason());
        assertEquals("vip", vip.getSkillGroup());
        assertEquals("high_value_order", ticketOf(d.say("big", "m1", "你好")).getReason());
        assertTrue(d.say("small", "m1", "你好").ticket().isEmpty());

        // After a person dealt with the VIP once, the bot may answer them.
        d.agent("amy", 3);
        assertTrue(d.desk.takeOver(Fixtures.STORE, "amy", "vip").accepted());
        assertTrue(d.desk.handBack(Fixtures.STORE, "amy", "vip").accepted());
        assertTrue(d.say("vip", "m2", "你好").ticket().isEmpty());
    }

    @Test
    void imagesAndFilesTheBotCannotReadGoToAPerson() {
        Desk d = desk();
        InboundMessage photo = Fixtures.msg("c1", "m1", "看看这个").toBuilder()
                .addAttachments(Attachment.newBuilder().setKind(Attachment.Kind.IMAGE).setUrl("https://x/y.jpg")).build();
        Fixtures.persist(d.inbox, photo);
        d.drain("c1");
        assertEquals("unreadable_attachment", d.ticket("c1").getReason());
    }

    @Test
    void anErpFailureReplacesTheSkillsAnswerWithAHandoff() {
        Desk d = desk();
        d.app.intent("logistics_tracking", ctx -> {
            ctx.reply("您的快递在路上");
            ctx.erpFailed();
        });
        var r = d.say("c1", "m1", "我的快递到哪了");
        assertEquals("erp_failure", ticketOf(r).getReason());
        assertEquals(1, r.replies().size());
        assertTrue(!r.replies().get(0).getText().contains("在路上"), "the answer built on missing data is not sent");
    }

    @Test
    void aStoreCanTurnTriggersOffAndSetItsOwnGroups() {
        Desk d = desk();
        HandoffRules defaults = HandoffRules.defaults(2);
        d.policy.configure(Fixtures.STORE, new HandoffRules(Set.of("explicit_request"), 2, 3, defaults.angryWords(),
                defaults.vipTiers(), 0, defaults.afterSalesIntents(), defaults.priorities(), java.util.Map.of("explicit_request", "pre_sales"),
                "default", BusinessHours.ALWAYS, Duration.ofSeconds(30), Duration.ofMinutes(5), "requeue", Duration.ofSeconds(60), true));
        assertTrue(d.say("c1", "m1", "你们就是骗子").ticket().isEmpty());
        assertTrue(d.say("c1", "m2", "???").ticket().isEmpty());
        assertTrue(d.say("c1", "m3", "???").ticket().isEmpty());
        HandoffTicket t = ticketOf(d.say("c1", "m4", "转人工"));
        assertEquals("pre_sales", t.getSkillGroup());
        assertEquals(t.getCreatedAt() + 30_000, t.getSlaDueAt());
    }

    @Test
    void outsideBusinessHoursTheTicketIsKeptAndTheBuyerToldWhenPeopleAreBack() {
        Desk d = desk();
        HandoffRules defaults = HandoffRules.defaults(2);
        // Open 09:00-12:00 Shanghai time on weekdays; the clock says 18:00 Shanghai on a Wednesday → closed.
        BusinessHours hours = new BusinessHours(ZoneId.of("Asia/Shanghai"), LocalTime.of(9, 0), LocalTime.of(12, 0),
                EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY));
        d.policy.configure(Fixtures.STORE, new HandoffRules(defaults.triggers(), 2, 3, defaults.angryWords(), defaults.vipTiers(),
                defaults.highValueAmount(), defaults.afterSalesIntents(), defaults.priorities(), defaults.groups(), "default",
                hours, Duration.ofSeconds(60), Duration.ofMinutes(5), "requeue", Duration.ofSeconds(60), true));
        var r = d.say("c1", "m1", "转人工");
        assertEquals("explicit_request", ticketOf(r).getReason());
        assertTrue(r.replies().get(0).getText().contains("1月11日 09:00"), r.replies().get(0).getText());
        assertEquals(java.util.List.of("c1"), d.desk.queue().waiting(Fixtures.STORE), "the ticket waits for the morning");
        TurnRecord last = d.store.transcript("c1").get(0);
        assertEquals(ticketOf(r).getId(), last.getHandoffTicketId());
    }
}

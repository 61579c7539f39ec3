package io.kefu.handlers.handoff;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One store's handoff settings: which triggers call a person and with what priority and skill
 * group, the desk's business hours, and the clocks of the queue (first-response SLA, how long an
 * agent may leave a buyer unanswered, how long a vanished browser keeps its conversations).
 *
 * @param triggers             enabled reasons (see {@link #ALL_TRIGGERS})
 * @param fallbacksBeforeHandoff not-understood messages in a row before {@code low_confidence}
 * @param repeatedFallbacks    not-understood messages in total (since the last ticket) before {@code repeated_fallback}
 * @param angryWords           lower-case fragments that mark complaint / abusive / angry wording
 * @param vipTiers             values of the {@code member_tier} slot that go straight to a person
 * @param highValueAmount      an {@code order_amount} slot at or above this escalates (0 = off)
 * @param afterSalesIntents    intents that are after-sales cases for a person
 * @param priorities           reason → priority (higher is served first)
 * @param groups               reason → skill group; anything else goes to {@code defaultGroup}
 * @param agentSilentAction    {@code requeue} or {@code bot}: what happens when an agent leaves a buyer unanswered
 */
public record HandoffRules(
        Set<String> triggers,
        int fallbacksBeforeHandoff,
        int repeatedFallbacks,
        List<String> angryWords,
        Set<String> vipTiers,
        double highValueAmount,
        Set<String> afterSalesIntents,
        Map<String, Integer> priorities,
        Map<String, String> groups,
        String defaultGroup,
        BusinessHours hours,
        Duration firstResponseSla,
        Duration agentSilentLimit,
        String agentSilentAction,
        Duration presenceGrace,
        boolean autoAssign) {

    public static final String EXPLICIT_REQUEST = "explicit_request";
    public static final String LOW_CONFIDENCE = "low_confidence";
    public static final String REPEATED_FALLBACK = "repeated_fallback";
    public static final String COMPLAINT = "complaint";
    public static final String ANGRY_WORDING = "angry_wording";
    public static final String VIP = "vip";
    public static final String HIGH_VALUE_ORDER = "high_value_order";
    public static final String AFTER_SALES = "after_sales";
    public static final String UNREADABLE_ATTACHMENT = "unreadable_attachment";
    public static final String ERP_FAILURE = "erp_failure";
    public static final List<String> ALL_TRIGGERS = List.of(EXPLICIT_REQUEST, LOW_CONFIDENCE, REPEATED_FALLBACK, COMPLAINT,
            ANGRY_WORDING, VIP, HIGH_VALUE_ORDER, AFTER_SALES, UNREADABLE_ATTACHMENT, ERP_FAILURE);

    public static final String REQUEUE = "requeue";
    public static final String BACK_TO_BOT = "bot";

    public static final List<String> DEFAULT_ANGRY_WORDS = List.of(
            "垃圾", "骗子", "骗人", "差评", "滚", "他妈", "妈的", "傻逼", "气死", "太差了", "什么破", "12315", "举报",
            "scam", "fraud", "useless", "terrible", "ridiculous", "worst", "wtf", "fuck", "shit", "angry");

    public HandoffRules {
        triggers = Set.copyOf(triggers);
        angryWords = angryWords.stream().map(w -> w.toLowerCase(java.util.Locale.ROOT)).toList();
        vipTiers = Set.copyOf(vipTiers);
        afterSalesIntents = Set.copyOf(afterSalesIntents);
        priorities = Map.copyOf(priorities);
        groups = Map.copyOf(groups);
        if (fallbacksBeforeHandoff < 1) {
            throw new IllegalArgumentException("fallbacksBeforeHandoff must be at least 1");
        }
    }

    /** Everything on, with the defaults documented in the README. */
    public static HandoffRules defaults(int fallbacksBeforeHandoff) {
        return new HandoffRules(Set.copyOf(ALL_TRIGGERS), fallbacksBeforeHandoff, Math.max(3, fallbacksBeforeHandoff + 1),
                DEFAULT_ANGRY_WORDS, Set.of("vip", "svip", "gold", "platinum"), 2000,
                Set.of("quality_complaint", "delivery_problem"), DEFAULT_PRIORITIES, DEFAULT_GROUPS, "default",
                BusinessHours.ALWAYS, Duration.ofSeconds(60), Duration.ofMinutes(5), REQUEUE, Duration.ofSeconds(60), true);
    }

    static final Map<String, Integer> DEFAULT_PRIORITIES = Map.of(
            VIP, 5, ANGRY_WORDING, 4, COMPLAINT, 4, HIGH_VALUE_ORDER, 4, ERP_FAILURE, 3, AFTER_SALES, 3,
            EXPLICIT_REQUEST, 2, UNREADABLE_ATTACHMENT, 2, LOW_CONFIDENCE, 1, REPEATED_FALLBACK, 1);

    static final Map<String, String> DEFAULT_GROUPS = Map.of(
            VIP, "vip", HIGH_VALUE_ORDER, "vip", AFTER_SALES, "after_sales", COMPLAINT, "after_sales",
            ANGRY_WORDING, "after_sales");

    public boolean enabled(String trigger) {
        return triggers.contains(trigger);
    }

    public Escalation escalation(String reason) {
        return new Escalation(reason, priorities.getOrDefault(reason, 1), groups.getOrDefault(reason, defaultGroup));
    }
}

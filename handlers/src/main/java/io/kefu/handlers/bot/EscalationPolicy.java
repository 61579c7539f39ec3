package io.kefu.handlers.bot;

import io.kefu.handlers.handoff.Escalation;
import io.kefu.handlers.handoff.HandoffRules;
import io.kefu.nlp.Prediction;
import io.kefu.proto.v1.Attachment;
import io.kefu.proto.v1.DialogueStateOrBuilder;
import io.kefu.proto.v1.InboundMessage;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When the bot should stop answering and call a person, per store ({@link HandoffRules}): the
 * buyer asks for one; the bot did not understand several messages in a row or too many overall;
 * complaint, abusive or angry wording; a VIP buyer or a high-value order; an after-sales case;
 * an image or file the bot cannot read; a failed ERP look-up. The first matching reason wins and
 * is recorded on the ticket. Stores without their own rules use the defaults.
 */
public final class EscalationPolicy {
    public static final String HUMAN_AGENT_INTENT = "human_agent";
    public static final String COMPLAINT_INTENT = "complaint";
    public static final String EXPLICIT_REQUEST = HandoffRules.EXPLICIT_REQUEST;
    public static final String LOW_CONFIDENCE = HandoffRules.LOW_CONFIDENCE;
    /** Slots other skills fill (ERP, membership) that the VIP and high-value triggers read. */
    public static final String MEMBER_TIER_SLOT = "member_tier";
    public static final String ORDER_AMOUNT_SLOT = "order_amount";

    private final HandoffRules defaults;
    private final Map<String, HandoffRules> byStore = new ConcurrentHashMap<>();

    public EscalationPolicy(int fallbacksBeforeHandoff) {
        if (fallbacksBeforeHandoff < 1) {
            throw new IllegalArgumentException("fallbacksBeforeHandoff must be at least 1");
        }
        this.defaults = HandoffRules.defaults(fallbacksBeforeHandoff);
    }

    /** Gives a store its own rules (the console extension does this from {@code console.stores}). */
    public void configure(String storeId, HandoffRules rules) {
        byStore.put(storeId, rules);
    }

    public HandoffRules rules(String storeId) {
        return byStore.getOrDefault(storeId, defaults);
    }

    /** The prediction-only part of the default rules. Call after the fallback counter was updated. */
    public Optional<String> reason(Prediction p, int consecutiveFallbacks) {
        if (p.fallback()) {
            return consecutiveFallbacks >= defaults.fallbacksBeforeHandoff() ? Optional.of(LOW_CONFIDENCE) : Optional.empty();
        }
        return HUMAN_AGENT_INTENT.equals(p.intent()) ? Optional.of(EXPLICIT_REQUEST) : Optional.empty();
    }

    /** Explicit requests jump ahead of "the bot is confused". */
    public int priority(String reason) {
        return defaults.escalation(reason).priority();
    }

    /**
     * Whether this turn calls a person. {@code state} must already count this message's fallback
     * ({@code consecutive_fallbacks}, {@code total_fallbacks}).
     */
    public Optional<Escalation> check(InboundMessage in, Prediction p, DialogueStateOrBuilder state) {
        HandoffRules r = rules(in.getStoreId());
        String reason = firstReason(r, in, p, state);
        return reason == null ? Optional.empty() : Optional.of(r.escalation(reason));
    }

    private static String firstReason(HandoffRules r, InboundMessage in, Prediction p, DialogueStateOrBuilder s) {
        boolean understood = p != null && !p.fallback();
        if (r.enabled(HandoffRules.EXPLICIT_REQUEST) && understood && HUMAN_AGENT_INTENT.equals(p.intent())) {
            return HandoffRules.EXPLICIT_REQUEST;
        }
        if (r.enabled(HandoffRules.ANGRY_WORDING) && angry(r, in.getText())) {
            return HandoffRules.ANGRY_WORDING;
        }
        if (r.enabled(HandoffRules.COMPLAINT) && understood && COMPLAINT_INTENT.equals(p.intent())) {
            return HandoffRules.COMPLAINT;
        }
        if (r.enabled(HandoffRules.AFTER_SALES) && understood && r.afterSalesIntents().contains(p.intent())) {
            return HandoffRules.AFTER_SALES;
        }
        if (r.enabled(HandoffRules.UNREADABLE_ATTACHMENT) && in.getAttachmentsList().stream().anyMatch(EscalationPolicy::unreadable)) {
            return HandoffRules.UNREADABLE_ATTACHMENT;
        }
        // One-time triggers: after a person has dealt with this buyer once, the bot may carry on.
        if (s.getHandoffs() == 0) {
            if (r.enabled(HandoffRules.VIP) && r.vipTiers().contains(slot(s, MEMBER_TIER_SLOT).toLowerCase(Locale.ROOT))) {
                return HandoffRules.VIP;
            }
            if (r.enabled(HandoffRules.HIGH_VALUE_ORDER) && r.highValueAmount() > 0 && amount(slot(s, ORDER_AMOUNT_SLOT)) >= r.highValueAmount()) {
                return HandoffRules.HIGH_VALUE_ORDER;
            }
        }
        if (p != null && p.fallback()) {
            if (r.enabled(HandoffRules.LOW_CONFIDENCE) && s.getConsecutiveFallbacks() >= r.fallbacksBeforeHandoff()) {
                return HandoffRules.LOW_CONFIDENCE;
            }
            if (r.enabled(HandoffRules.REPEATED_FALLBACK) && s.getTotalFallbacks() >= r.repeatedFallbacks()) {
                return HandoffRules.REPEATED_FALLBACK;
            }
        }
        return null;
    }

    static boolean angry(HandoffRules r, String text) {
        String t = text.toLowerCase(Locale.ROOT);
        return r.angryWords().stream().anyMatch(t::contains);
    }

    /** The bot reads text only; a link it can follow, anything else needs eyes. */
    private static boolean unreadable(Attachment a) {
        return a.getKind() != Attachment.Kind.LINK;
    }

    private static String slot(DialogueStateOrBuilder s, String name) {
        return s.getSlotsOrDefault(name, "");
    }

    private static double amount(String v) {
        try {
            return v.isBlank() ? 0 : Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}

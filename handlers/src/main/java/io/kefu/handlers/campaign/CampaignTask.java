package io.kefu.handlers.campaign;

import java.util.Locale;

/**
 * One piece of scheduled proactive work for one order, identified by a string that is also its
 * member in the due set: {@code kind|order[|arg…]}. The id is deterministic (an order has one
 * reminder task, one shipped notice…), so scheduling it again is a no-op and the message it
 * produces gets the same id on every run — the inbox dedups a rerun after a crash.
 */
public record CampaignTask(Kind kind, String orderId, String arg, String eventId) {

    public enum Kind {
        /** 催付: created, still unpaid after the delay. */
        REMIND,
        /** 跟单: shipped, with courier and tracking number. */
        SHIPPED,
        /** No logistics movement for the stall period (re-checked when due). */
        STALL,
        /** Delivery failure or return to sender ({@code arg}: failed | returned). */
        EXCEPTION,
        /** Delivered: a care message. */
        CARE,
        /** A refund event's status update ({@code arg}: requested | agreed | closed). */
        REFUND;

        String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The once-per-order marker this kind sets; stalls and exceptions share one (one alert per order). */
        String doneKey() {
            return this == STALL ? EXCEPTION.code() : code();
        }
    }

    public static CampaignTask of(Kind kind, String orderId) {
        return new CampaignTask(kind, orderId, "", "");
    }

    public String id() {
        StringBuilder sb = new StringBuilder(kind.code()).append('|').append(orderId);
        if (!arg.isEmpty() || !eventId.isEmpty()) {
            sb.append('|').append(arg);
        }
        if (!eventId.isEmpty()) {
            sb.append('|').append(eventId);
        }
        return sb.toString();
    }

    public static CampaignTask parse(String id) {
        String[] p = id.split("\\|", -1);
        if (p.length < 2 || p.length > 4) {
            throw new IllegalArgumentException("not a campaign task id: " + id);
        }
        Kind k = Kind.valueOf(p[0].toUpperCase(Locale.ROOT));
        return new CampaignTask(k, p[1], p.length > 2 ? p[2] : "", p.length > 3 ? p[3] : "");
    }
}

package io.kefu.handlers.campaign;

import io.kefu.handlers.metrics.Counter;
import io.kefu.handlers.metrics.Metrics;

/** The {@code kefu_campaign_*} and {@code kefu_order_events_*} series (README, "Order feeds and proactive service"). */
public final class CampaignMetrics {
    public final Counter orderEvents;
    public final Counter duplicateEvents;
    public final Counter remindersSent;
    public final Counter paidAfterReminder;
    public final Counter recoveredCents;
    public final Counter followUpsSent;
    public final Counter logisticsExceptions;
    public final Counter skipped;
    public final Counter deferred;

    public CampaignMetrics(Metrics registry) {
        orderEvents = registry.counter("kefu_order_events_total", "Order events persisted, per store and type", "store", "type");
        duplicateEvents = registry.counter("kefu_order_events_duplicate_total", "Order events recognised as redeliveries by event id",
                "store");
        remindersSent = registry.counter("kefu_campaign_reminders_sent_total", "Payment reminders (催付) sent", "store");
        paidAfterReminder = registry.counter("kefu_campaign_paid_after_reminder_total", "Orders paid after their reminder", "store");
        recoveredCents = registry.counter("kefu_campaign_recovered_amount_cents_total",
                "Amount of orders paid after a reminder (smallest currency unit)", "store");
        followUpsSent = registry.counter("kefu_campaign_follow_ups_sent_total", "Order follow-ups (跟单) sent, per kind", "store", "kind");
        logisticsExceptions = registry.counter("kefu_campaign_logistics_exceptions_total",
                "Logistics exceptions caught (stalled, failed, returned): buyer told, after-sales ticket opened", "store", "kind");
        skipped = registry.counter("kefu_campaign_skipped_total", "Scheduled messages not sent, per reason", "store", "reason");
        deferred = registry.counter("kefu_campaign_deferred_total", "Messages moved later (quiet hours, rate limits)", "store", "reason");
    }
}

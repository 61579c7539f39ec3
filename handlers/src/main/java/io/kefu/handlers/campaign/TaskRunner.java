package io.kefu.handlers.campaign;

import io.kefu.handlers.campaign.CampaignTask.Kind;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Runs one claimed task: is the message still wanted (paid orders get no reminder, delivered ones
 * no shipped notice, nothing twice), may it go now (opt-out, quiet hours, rate limits — the last
 * two move it later, never drop it), then hands it to the {@link ProactiveChannel} and records it.
 * Order matters for crash safety: the message is made durable first, then marked done and counted,
 * then the task is completed; a crash in between reruns the task, whose message the inbox
 * recognises, and whose count is taken once ({@link CampaignReport#addOnce}).
 */
final class TaskRunner {
    enum Outcome { SENT, RESENT, SKIPPED, DEFERRED }

    private final OrderStore orders;
    private final TaskQueue queue;
    private final RateLimits limits;
    private final OptOuts optOuts;
    private final ProactiveChannel channel;
    private final CampaignReport report;
    private final CampaignMetrics metrics;

    TaskRunner(OrderStore orders, TaskQueue queue, RateLimits limits, OptOuts optOuts, ProactiveChannel channel,
               CampaignReport report, CampaignMetrics metrics) {
        this.orders = orders;
        this.queue = queue;
        this.limits = limits;
        this.optOuts = optOuts;
        this.channel = channel;
        this.report = report;
        this.metrics = metrics;
    }

    Outcome run(StoreCampaign s, String taskId, OrderView v, long now) {
        CampaignTask task;
        try {
            task = CampaignTask.parse(taskId);
        } catch (IllegalArgumentException e) {
            return skip(s, taskId, "unreadable");
        }
        if (v == null) {
            return skip(s, taskId, "order_gone");
        }
        String unwanted = unwanted(s, task, v);
        if (unwanted != null) {
            return skip(s, taskId, unwanted);
        }
        if (task.kind() == Kind.STALL) {
            long stallAt = v.at(OrderFields.MOVED) + s.stallAfter().toMillis();
            if (stallAt > now) {
                queue.defer(s.storeId(), taskId, stallAt); // it moved since: look again later
                return Outcome.DEFERRED;
            }
        }
        String buyer = v.buyer();
        if (buyer.isEmpty()) {
            return skip(s, taskId, "no_buyer");
        }
        if (optOuts.optedOut(s.storeId(), buyer)) {
            report.addOnce(s, task.orderId(), OrderFields.counted(taskId), now, Map.of(CampaignReport.OPTED_OUT_SKIPS, 1L));
            return skip(s, taskId, "opted_out");
        }
        Instant allowed = s.quietHours().nextAllowed(Instant.ofEpochMilli(now));
        if (allowed.toEpochMilli() > now) {
            metrics.deferred.labels(s.storeId(), "quiet_hours").inc();
            queue.defer(s.storeId(), taskId, allowed.toEpochMilli());
            return Outcome.DEFERRED;
        }
        OptionalLong later = limits.take(s, buyer, now);
        if (later.isPresent()) {
            metrics.deferred.labels(s.storeId(), "rate_limit").inc();
            queue.defer(s.storeId(), taskId, later.getAsLong());
            return Outcome.DEFERRED;
        }
        ProactiveMessage m = new ProactiveMessage(taskId, s, buyer, task.orderId(), task.kind(), CampaignTexts.render(s, task, v),
                CampaignTexts.afterSalesReason(task));
        boolean fresh = channel.deliver(m);
        if (task.kind() != Kind.REFUND) {
            orders.markDone(s.storeId(), task.orderId(), task.kind().doneKey(), now);
        }
        count(s, task, taskId, now);
        queue.complete(s.storeId(), taskId);
        return fresh ? Outcome.SENT : Outcome.RESENT;
    }

    /** Why the message is no longer wanted, or null. */
    private static String unwanted(StoreCampaign s, CampaignTask t, OrderView v) {
        if (t.kind() != Kind.REFUND && v.done(t.kind().doneKey())) {
            return "already_sent";
        }
        return switch (t.kind()) {
            case REMIND -> !s.reminders() ? "disabled" : v.paid() ? "paid" : v.cancelled() ? "closed" : null;
            case SHIPPED -> v.delivered() ? "superseded" : null;
            case STALL, EXCEPTION -> v.delivered() ? "delivered" : null;
            case CARE, REFUND -> null;
        };
    }

    /** Counts a sent message once, whether this run or an earlier, crashed one handed it over. */
    private void count(StoreCampaign s, CampaignTask t, String taskId, long now) {
        String field = switch (t.kind()) {
            case REMIND -> CampaignReport.REMINDERS_SENT;
            case STALL, EXCEPTION -> CampaignReport.LOGISTICS_EXCEPTIONS;
            default -> CampaignReport.FOLLOW_UPS_SENT;
        };
        if (!report.addOnce(s, t.orderId(), OrderFields.counted(taskId), now, Map.of(field, 1L))) {
            return;
        }
        String store = s.storeId();
        switch (t.kind()) {
            case REMIND -> metrics.remindersSent.labels(store).inc();
            case STALL, EXCEPTION -> metrics.logisticsExceptions.labels(store, t.kind() == Kind.STALL ? "stalled" : t.arg()).inc();
            default -> metrics.followUpsSent.labels(store, t.kind() == Kind.REFUND ? "refund_" + t.arg() : t.kind().code()).inc();
        }
    }

    private Outcome skip(StoreCampaign s, String taskId, String reason) {
        metrics.skipped.labels(s.storeId(), reason).inc();
        queue.complete(s.storeId(), taskId);
        return Outcome.SKIPPED;
    }
}

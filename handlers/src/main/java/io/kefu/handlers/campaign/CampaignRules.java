package io.kefu.handlers.campaign;

import io.kefu.handlers.campaign.CampaignTask.Kind;
import io.kefu.proto.v1.OrderEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * What an order's new state means for its scheduled work — a pure function of the merged state
 * (plus, for refunds, the event itself), so the plan never depends on arrival order. Whether a
 * message is still wanted is checked again when its task is due ({@link TaskRunner}); the plan
 * only makes sure the task exists (or is gone, when the order was paid or closed).
 *
 * <ul>
 *   <li>created, not paid, not cancelled → reminder due at created + delay (once);</li>
 *   <li>paid or cancelled → reminder cancelled;</li>
 *   <li>shipped, not delivered → shipped notice now; stall check at last movement + stall period;</li>
 *   <li>delivery failure / return to sender → a logistics exception now;</li>
 *   <li>delivered → stall check cancelled, care message now;</li>
 *   <li>refund requested / agreed / closed → a status update now (one per event).</li>
 * </ul>
 */
final class CampaignRules {
    private CampaignRules() {
    }

    enum Mode { ADD_IF_ABSENT, MOVE_LATER }

    record Schedule(CampaignTask task, long dueAt, Mode mode) {}

    record Plan(List<Schedule> schedule, List<CampaignTask> cancel) {}

    static Plan plan(StoreCampaign s, OrderEvent e, OrderView v, long now) {
        List<Schedule> add = new ArrayList<>();
        List<CampaignTask> cancel = new ArrayList<>();
        String order = v.orderId();
        if (s.reminders()) {
            if (v.paid() || v.cancelled()) {
                cancel.add(CampaignTask.of(Kind.REMIND, order));
            } else if (v.created() && !v.done(Kind.REMIND.doneKey())) {
                add.add(new Schedule(CampaignTask.of(Kind.REMIND, order), v.at(OrderFields.CREATED) + s.reminderDelay().toMillis(),
                        Mode.ADD_IF_ABSENT));
            }
        }
        if (!s.followUps()) {
            return new Plan(add, cancel);
        }
        if (v.delivered()) {
            cancel.add(CampaignTask.of(Kind.STALL, order));
            if (!v.done(Kind.CARE.doneKey())) {
                add.add(new Schedule(CampaignTask.of(Kind.CARE, order), now, Mode.ADD_IF_ABSENT));
            }
        } else if (v.shipped()) {
            if (!v.done(Kind.SHIPPED.doneKey())) {
                add.add(new Schedule(CampaignTask.of(Kind.SHIPPED, order), now, Mode.ADD_IF_ABSENT));
            }
            if (!v.done(Kind.EXCEPTION.doneKey())) {
                add.add(new Schedule(CampaignTask.of(Kind.STALL, order), v.at(OrderFields.MOVED) + s.stallAfter().toMillis(),
                        Mode.MOVE_LATER));
            }
        }
        if (!v.done(Kind.EXCEPTION.doneKey()) && !v.delivered()) {
            if (v.has(OrderFields.FAILED)) {
                add.add(new Schedule(new CampaignTask(Kind.EXCEPTION, order, "failed", ""), now, Mode.ADD_IF_ABSENT));
            } else if (v.has(OrderFields.RETURNED)) {
                add.add(new Schedule(new CampaignTask(Kind.EXCEPTION, order, "returned", ""), now, Mode.ADD_IF_ABSENT));
            }
        }
        String refund = switch (e.getType()) {
            case REFUND_REQUESTED -> "requested";
            case REFUND_AGREED -> "agreed";
            case REFUND_CLOSED -> "closed";
            default -> "";
        };
        if (!refund.isEmpty()) {
            add.add(new Schedule(new CampaignTask(Kind.REFUND, order, refund, e.getEventId()), Math.max(now, 0), Mode.ADD_IF_ABSENT));
        }
        return new Plan(add, cancel);
    }
}

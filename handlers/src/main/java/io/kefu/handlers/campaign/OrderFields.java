package io.kefu.handlers.campaign;

/** Field names of an order's state hash, and how each merges. */
final class OrderFields {
    static final String PLATFORM = "platform";
    static final String BUYER = "buyer";
    static final String AMOUNT = "amount";
    static final String COURIER = "courier";
    static final String TRACKING = "tracking";
    static final String CREATED = "created_at";
    static final String PAID = "paid_at";
    static final String SHIPPED = "shipped_at";
    static final String MOVED = "moved_at";
    static final String DELIVERED = "delivered_at";
    static final String CANCELLED = "cancelled_at";
    static final String FAILED = "failed_at";
    static final String RETURNED = "returned_at";
    /** Set once when a payment that followed a reminder was counted (report + metrics). */
    static final String PAID_AFTER_COUNTED = counted("paid_after");

    private OrderFields() {
    }

    static String done(String kind) {
        return "done:" + kind;
    }

    /** Set with the report's count of {@code what} (a task id, or {@code paid_after}): counted once, crash or not. */
    static String counted(String what) {
        return "counted:" + what;
    }
}

package io.kefu.handlers.campaign;

import java.util.Map;

/**
 * An order as the events seen so far say it is. Every field is a merge that ignores arrival order
 * (the earliest payment time, the latest logistics movement, the first known amount…), so
 * "paid before created" and redeliveries fold into the same state. {@code done:*} fields record
 * which proactive messages went out.
 */
public record OrderView(String storeId, String orderId, Map<String, String> fields) {
    public OrderView {
        fields = Map.copyOf(fields);
    }

    public long at(String field) {
        String v = fields.get(field);
        return v == null ? 0 : Long.parseLong(v);
    }

    public boolean has(String field) {
        return fields.containsKey(field);
    }

    public String text(String field) {
        return fields.getOrDefault(field, "");
    }

    public boolean created() {
        return has(OrderFields.CREATED);
    }

    public boolean paid() {
        return has(OrderFields.PAID);
    }

    public boolean cancelled() {
        return has(OrderFields.CANCELLED);
    }

    public boolean shipped() {
        return has(OrderFields.SHIPPED);
    }

    public boolean delivered() {
        return has(OrderFields.DELIVERED);
    }

    public boolean done(String kind) {
        return has(OrderFields.done(kind));
    }

    public String buyer() {
        return text(OrderFields.BUYER);
    }

    public long amountCents() {
        return at(OrderFields.AMOUNT);
    }
}

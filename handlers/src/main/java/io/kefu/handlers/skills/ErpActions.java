package io.kefu.handlers.skills;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kefu.handlers.dialogue.ActionInput;
import io.kefu.handlers.dialogue.Candidates;
import io.kefu.handlers.dialogue.FlowAction;
import io.kefu.handlers.dialogue.FlowEngine;
import io.kefu.handlers.erp.ErpClient;
import io.kefu.handlers.erp.ErpException;
import io.kefu.nlp.entity.Entity;
import io.kefu.nlp.entity.EntityExtractor;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The skills' ERP actions, by the names flows use in {@code call:}. Each one is a request built from
 * the slots and an interpretation of the answer into slots and an outcome. An order that belongs to
 * another buyer is treated as not found: typing someone else's number reveals nothing.
 */
public final class ErpActions {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ErpClient erp;
    private final Clock clock;

    public ErpActions(ErpClient erp, Clock clock) {
        this.erp = erp;
        this.clock = clock;
    }

    public Map<String, FlowAction> all() {
        Map<String, FlowAction> m = new LinkedHashMap<>();
        m.put(FlowEngine.ORDERS_ACTION, new OrderList());
        m.put("order.get", action(in -> erp.get("/api/orders/" + enc(in.slot("order_id"))), (data, in, slots) -> {
            Orders.describe(data, clock.millis(), slots);
            return data.path("status").asText();
        }));
        m.put("logistics.track", new FlowAction() {
            @Override
            public CompletableFuture<JsonNode> start(ActionInput in) {
                return owned(in).thenCompose(o -> erp.get("/api/orders/" + enc(in.slot("order_id")) + "/tracking"));
            }

            @Override
            public String interpret(JsonNode t, ActionInput in, Map<String, String> slots) {
                slots.put("courier.zh", t.path("courier_zh").asText());
                slots.put("courier.en", t.path("courier_en").asText());
                slots.put("tracking_no", t.path("tracking_no").asText());
                JsonNode latest = t.path("events").path(0);
                slots.put("latest_event.zh", latest.path("zh").asText("暂无物流信息"));
                slots.put("latest_event.en", latest.path("en").asText("no tracking events yet"));
                Orders.date(slots, "latest_at", latest.path("at").asLong(clock.millis()));
                if (t.has("eta")) {
                    Orders.date(slots, "eta", t.path("eta").asLong());
                }
                return t.path("status").asText("shipped");
            }

            @Override
            public String refused(ErpException e, ActionInput in, Map<String, String> slots) {
                return e.code() == 40402 ? "not_shipped" : e.code() == 40401 ? "not_found" : "refused";
            }
        });
        m.put("order.change_address", write(in -> post(in, "/address", JSON.createObjectNode().put("address", in.slot("new_address")))));
        m.put("order.modify", write(in -> {
            ObjectNode body = JSON.createObjectNode();
            if (!in.slot("new_size").isEmpty()) {
                body.put("size", in.slot("new_size"));
            }
            if (!in.slot("new_color").isEmpty()) {
                body.put("color", in.slot("new_color"));
            }
            return post(in, "/modify", body);
        }));
        m.put("order.cancel", write(in -> post(in, "/cancel", JSON.createObjectNode().put("reason", in.slot("reason")))));
        m.put("refund.status", action(in -> owned(in).thenCompose(o -> erp.get("/api/orders/" + enc(in.slot("order_id")) + "/refund")),
                (r, in, slots) -> {
                    slots.put("refund_amount", String.format(java.util.Locale.ROOT, "%.2f", r.path("amount").asDouble()));
                    if (r.has("updated_at")) {
                        Orders.date(slots, "refund_at", r.path("updated_at").asLong());
                    }
                    return r.path("status").asText("none");
                }));
        for (String type : List.of("return", "exchange", "quality")) {
            m.put("aftersales." + type, action(in -> owned(in).thenCompose(o -> {
                ObjectNode body = JSON.createObjectNode();
                body.put("order_id", in.slot("order_id"));
                body.put("type", type);
                body.put("reason", in.slot("reason"));
                body.put("description", in.slot(type.equals("exchange") ? "new_size" : "description"));
                var photos = body.putArray("photos");
                if (!in.slot("photos").isEmpty()) {
                    for (String p : in.slot("photos").split("\n")) {
                        if (p.startsWith("http://") || p.startsWith("https://")) {
                            photos.add(p); // "none" and remarks are not photos
                        }
                    }
                }
                return erp.post("/api/work-orders", body, in.idempotencyKey());
            }), (w, in, slots) -> {
                slots.put("work_order_id", w.path("work_order_id").asText());
                slots.put("team", w.path("team").asText());
                return "ok";
            }));
        }
        m.put("invoice.request", action(in -> owned(in).thenCompose(o -> {
            ObjectNode body = JSON.createObjectNode();
            body.put("order_id", in.slot("order_id"));
            body.put("title", in.slot("invoice_title"));
            body.put("tax_id", in.slot("tax_id"));
            return erp.post("/api/invoices", body, in.idempotencyKey());
        }), (inv, in, slots) -> {
            slots.put("invoice_id", inv.path("invoice_id").asText());
            return "ok";
        }));
        m.put("inventory.check", action(in -> erp.get("/api/inventory?sku=" + enc(in.slot("sku"))), ErpActions::stock));
        return m;
    }

    /** Stock of the product, for the size (and colour) the buyer named, or the sizes that are in stock. */
    private static String stock(JsonNode inv, ActionInput in, Map<String, String> slots) {
        String size = in.slot("size").toUpperCase(java.util.Locale.ROOT);
        List<String> available = new ArrayList<>();
        int forSize = 0;
        for (var it = inv.path("stock").fields(); it.hasNext(); ) {
            var e = it.next();
            String variantSize = e.getKey().split("/")[0];
            if (e.getValue().asInt() > 0 && !available.contains(variantSize)) {
                available.add(variantSize);
            }
            if (variantSize.equalsIgnoreCase(size)) {
                forSize += e.getValue().asInt();
            }
        }
        available.sort(java.util.Comparator.comparingInt(ErpActions::sizeRank).thenComparing(x -> x));
        slots.put("available", available.isEmpty() ? "-" : String.join(" / ", available));
        slots.put("stock", Integer.toString(forSize));
        if (size.isEmpty()) {
            return available.isEmpty() ? "sold_out" : "listed";
        }
        return forSize > 0 ? "in_stock" : "out_of_stock";
    }

    /** Clothing sizes small to large; shoe sizes by number. */
    private static int sizeRank(String size) {
        int i = List.of("XXS", "XS", "S", "M", "L", "XL", "XXL", "XXXL").indexOf(size.toUpperCase(java.util.Locale.ROOT));
        if (i >= 0) {
            return i;
        }
        return size.matches("\\d+") ? 100 + Integer.parseInt(size) : 1000;
    }

    private CompletableFuture<JsonNode> post(ActionInput in, String sub, JsonNode body) {
        return owned(in).thenCompose(o -> erp.post("/api/orders/" + enc(in.slot("order_id")) + sub, body, in.idempotencyKey()));
    }

    /** The order, if it is this buyer's; otherwise the call fails as "not found". */
    private CompletableFuture<JsonNode> owned(ActionInput in) {
        return erp.get("/api/orders/" + enc(in.slot("order_id"))).thenApply(o -> {
            if (!o.path("buyer_id").asText().equals(in.buyerId())) {
                throw new ErpException(ErpException.Kind.REFUSED, 40401, "order not found");
            }
            return o;
        });
    }

    private interface Reading {
        String read(JsonNode data, ActionInput in, Map<String, String> slots);
    }

    private FlowAction action(Function<ActionInput, CompletableFuture<JsonNode>> start, Reading read) {
        return new FlowAction() {
            @Override
            public CompletableFuture<JsonNode> start(ActionInput in) {
                return start.apply(in);
            }

            @Override
            public String interpret(JsonNode data, ActionInput in, Map<String, String> slots) {
                if (data.has("buyer_id") && !data.path("buyer_id").asText().equals(in.buyerId())) {
                    return "not_found";
                }
                return read.read(data, in, slots);
            }
        };
    }

    /** An order change: {@code ok}, {@code shipped} (too late to change), {@code not_cancellable}, {@code not_found}. */
    private FlowAction write(Function<ActionInput, CompletableFuture<JsonNode>> start) {
        return new FlowAction() {
            @Override
            public CompletableFuture<JsonNode> start(ActionInput in) {
                return start.apply(in);
            }

            @Override
            public String interpret(JsonNode o, ActionInput in, Map<String, String> slots) {
                Orders.describe(o, clock.millis(), slots);
                return "ok";
            }

            @Override
            public String refused(ErpException e, ActionInput in, Map<String, String> slots) {
                return switch (e.code()) {
                    case 40901 -> "shipped";
                    case 40902 -> "not_cancellable";
                    case 40401 -> "not_found";
                    default -> "refused";
                };
            }
        };
    }

    /** The buyer's orders in the states a step accepts: one is taken, several become candidates. */
    private final class OrderList implements FlowAction {
        @Override
        public CompletableFuture<JsonNode> start(ActionInput in) {
            return erp.get("/api/orders?buyer_id=" + enc(in.buyerId()));
        }

        @Override
        public String interpret(JsonNode data, ActionInput in, Map<String, String> slots) {
            // A tracking number in a parcel question names the parcel: the buyer's order that carries it,
            // and never another order of theirs when it matches none (that would answer about the wrong parcel).
            String tracking = in.orderStates().contains("shipped") ? trackingNumberIn(in.text()) : "";
            if (!tracking.isEmpty()) {
                for (JsonNode o : data.path("orders")) {
                    if (o.path("tracking_no").asText().trim().equalsIgnoreCase(tracking)) {
                        slots.put("order_id", o.path("order_id").asText());
                        return "one";
                    }
                }
                slots.put("unknown_tracking", tracking);
            }
            List<JsonNode> fit = new ArrayList<>();
            data.path("orders").forEach(o -> {
                if (in.orderStates().contains(o.path("status").asText())) {
                    fit.add(o);
                }
            });
            if (fit.size() == 1 && tracking.isEmpty()) {
                slots.put("order_id", fit.get(0).path("order_id").asText());
                return "one";
            }
            if (fit.isEmpty()) {
                return "none";
            }
            List<String[]> c = new ArrayList<>();
            fit.stream().limit(5).forEach(o -> c.add(new String[] {o.path("order_id").asText(), Orders.label(o, in.language())}));
            slots.put("candidates", Candidates.write(c));
            return "many";
        }

        /** The number of the first tracking number in {@code text} (the recogniser normalises it to "CARRIER:NUMBER"), or "". */
        private static String trackingNumberIn(String text) {
            List<Entity> found = EntityExtractor.extract(text, EntityExtractor.TRACKING_NUMBER);
            if (found.isEmpty()) {
                return "";
            }
            String normalized = found.get(0).normalized();
            return normalized.substring(normalized.indexOf(':') + 1);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}

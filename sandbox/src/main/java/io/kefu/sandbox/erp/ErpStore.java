package io.kefu.sandbox.erp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The simulated ERP's data. Every buyer gets a deterministic set of demo orders on first sight, so
 * the demo chat works for any visitor and stories know what to expect. The buyer id chooses the
 * situation: {@code new…} has no orders, {@code multi…} has two parcels on the way, {@code late…}
 * has an order past its promised ship time, {@code old…} received its parcel too long ago to return.
 * Everyone else: one parcel on the way, one paid order not yet shipped, one delivered 3 days ago.
 */
final class ErpStore {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final long H = Duration.ofHours(1).toMillis();
    private static final long D = Duration.ofDays(1).toMillis();

    private final Clock clock;
    private final Map<String, List<ObjectNode>> byBuyer = new LinkedHashMap<>();
    private final Map<String, ObjectNode> byId = new LinkedHashMap<>();
    private final Map<String, ObjectNode> workOrders = new LinkedHashMap<>();
    private final Map<String, ObjectNode> invoices = new LinkedHashMap<>();
    private final AtomicLong seq = new AtomicLong(1000);

    ErpStore(Clock clock) {
        this.clock = clock;
    }

    synchronized List<ObjectNode> orders(String buyerId) {
        return byBuyer.computeIfAbsent(buyerId, this::seed);
    }

    synchronized ObjectNode order(String orderId) {
        return byId.get(orderId);
    }

    synchronized List<ObjectNode> workOrders() {
        return List.copyOf(workOrders.values());
    }

    synchronized List<ObjectNode> invoices() {
        return List.copyOf(invoices.values());
    }

    synchronized ObjectNode addWorkOrder(JsonNode request) {
        String id = "WO" + seq.incrementAndGet();
        ObjectNode w = JSON.createObjectNode();
        w.put("work_order_id", id);
        w.put("order_id", request.path("order_id").asText());
        w.put("type", request.path("type").asText());
        w.put("reason", request.path("reason").asText(""));
        w.put("description", request.path("description").asText(""));
        w.set("photos", request.path("photos").isArray() ? request.get("photos") : JSON.createArrayNode());
        w.put("status", "open");
        w.put("team", switch (request.path("type").asText()) {
            case "return", "exchange" -> "warehouse";
            default -> "after_sales";
        });
        w.put("created_at", clock.millis());
        workOrders.put(id, w);
        ObjectNode order = byId.get(w.get("order_id").asText());
        if (order != null && "return".equals(w.get("type").asText())) {
            ObjectNode refund = order.putObject("refund");
            refund.put("status", "requested");
            refund.put("amount", order.get("amount").asDouble());
            refund.put("updated_at", clock.millis());
            refund.put("work_order_id", id);
        }
        return w;
    }

    synchronized ObjectNode addInvoice(JsonNode request) {
        String id = "INV" + seq.incrementAndGet();
        ObjectNode inv = JSON.createObjectNode();
        inv.put("invoice_id", id);
        inv.put("order_id", request.path("order_id").asText());
        inv.put("title", request.path("title").asText());
        inv.put("tax_id", request.path("tax_id").asText());
        inv.put("status", "issuing");
        invoices.put(id, inv);
        return inv;
    }

    /** Nine-digit-ish stable number from the buyer id, so order ids survive restarts of the demo. */
    private static String stem(String buyerId) {
        long h = 1125899906842597L;
        for (char c : buyerId.toCharArray()) {
            h = 31 * h + c;
        }
        return String.format("%013d", Math.floorMod(h, 10_000_000_000_000L));
    }

    private List<ObjectNode> seed(String buyerId) {
        List<ObjectNode> list = new ArrayList<>();
        if (buyerId.startsWith("new")) {
            return list;
        }
        String stem = "88" + stem(buyerId);
        long now = clock.millis();
        list.add(shipped(stem + "101", buyerId, now - 2 * D, "T100", "M", "white", 2, "中通快递", "ZTO Express", "731" + stem.substring(6)));
        if (buyerId.startsWith("multi")) {
            list.add(shipped(stem + "104", buyerId, now - 1 * D, "S500", "42", "grey", 1, "顺丰速运", "SF Express", "SF1" + stem.substring(4)));
        }
        ObjectNode paid = order(stem + "102", buyerId, buyerId.startsWith("late") ? now - 4 * D : now - 20 * H, "J200", "L", "blue", 1);
        paid.put("status", "paid");
        list.add(paid);
        ObjectNode delivered = shipped(stem + "103", buyerId, now - (buyerId.startsWith("old") ? 25 : 6) * D, "D300", "M", "red", 1,
                "韵达快递", "Yunda Express", "432" + stem.substring(5));
        delivered.put("status", "delivered");
        long deliveredAt = now - (buyerId.startsWith("old") ? 20 : 3) * D;
        delivered.put("delivered_at", deliveredAt);
        list.forEach(o -> byId.put(o.get("order_id").asText(), o));
        list.add(delivered);
        byId.put(delivered.get("order_id").asText(), delivered);
        ((ArrayNode) delivered.get("events")).insert(0, event(deliveredAt, "已签收，签收人：本人", "Delivered, signed by the recipient"));
        return list;
    }

    private ObjectNode order(String id, String buyer, long paidAt, String sku, String size, String color, int qty) {
        DemoCatalogue.Product p = DemoCatalogue.bySku(sku);
        ObjectNode o = JSON.createObjectNode();
        o.put("order_id", id);
        o.put("buyer_id", buyer);
        o.put("status", "paid");
        o.put("amount", p.price() * qty);
        o.put("created_at", paidAt - 5 * 60_000);
        o.put("paid_at", paidAt);
        o.put("promised_ship_by", paidAt + 48 * H);
        o.put("address", "上海市浦东新区世纪大道100号 / 100 Century Ave, Pudong, Shanghai");
        ObjectNode item = o.putArray("items").addObject();
        item.put("sku", sku);
        item.put("name_zh", p.zh());
        item.put("name_en", p.en());
        item.put("size", size);
        item.put("color", color);
        item.put("qty", qty);
        item.put("price", p.price());
        o.putArray("events");
        return o;
    }

    private ObjectNode shipped(String id, String buyer, long paidAt, String sku, String size, String color, int qty,
                               String courierZh, String courierEn, String tracking) {
        ObjectNode o = order(id, buyer, paidAt, sku, size, color, qty);
        long shippedAt = paidAt + 20 * H;
        o.put("status", "shipped");
        o.put("shipped_at", shippedAt);
        o.put("courier_zh", courierZh);
        o.put("courier_en", courierEn);
        o.put("tracking_no", tracking);
        o.put("eta", shippedAt + 3 * D);
        ArrayNode ev = (ArrayNode) o.get("events");
        long now = clock.millis();
        List<ObjectNode> all = List.of(
                event(shippedAt + 30 * H, "快件已到达【上海浦东转运中心】，正在派送途中", "Arrived at the Shanghai Pudong hub, out for delivery soon"),
                event(shippedAt + 12 * H, "快件已从【杭州转运中心】发出", "Departed the Hangzhou sorting centre"),
                event(shippedAt, "商家已发货，快递已揽收", "Picked up by the courier"));
        all.stream().filter(e -> e.get("at").asLong() <= now).forEach(ev::add);
        return o;
    }

    private static ObjectNode event(long at, String zh, String en) {
        ObjectNode e = JSON.createObjectNode();
        e.put("at", at);
        e.put("zh", zh);
        e.put("en", en);
        return e;
    }
}

package io.kefu.handlers.skills;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/** Turns ERP order records into the slot values flow templates use (both languages where they differ). */
final class Orders {
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter ZH = DateTimeFormatter.ofPattern("M月d日 HH:mm", Locale.CHINA).withZone(ZONE);
    private static final DateTimeFormatter EN = DateTimeFormatter.ofPattern("MMM d, HH:mm", Locale.ENGLISH).withZone(ZONE);
    static final Duration RETURN_WINDOW = Duration.ofDays(7);
    private static final Map<String, String[]> STATUS = Map.of(
            "unpaid", new String[] {"待付款", "awaiting payment"},
            "paid", new String[] {"已付款，待发货", "paid, waiting to ship"},
            "shipped", new String[] {"已发货，运输中", "shipped, on the way"},
            "delivered", new String[] {"已签收", "delivered"},
            "cancelled", new String[] {"已取消", "cancelled"});

    private Orders() {
    }

    static void date(Map<String, String> slots, String name, long millis) {
        slots.put(name + ".zh", ZH.format(Instant.ofEpochMilli(millis)));
        slots.put(name + ".en", EN.format(Instant.ofEpochMilli(millis)));
    }

    static String label(JsonNode o, String language) {
        JsonNode item = o.path("items").path(0);
        String id = o.path("order_id").asText();
        return "en".equals(language)
                ? id + " " + item.path("name_en").asText() + " (" + STATUS.get(o.path("status").asText())[1] + ")"
                : id + " " + item.path("name_zh").asText() + "（" + STATUS.get(o.path("status").asText())[0] + "）";
    }

    /** Everything a template may want to say about an order. */
    static void describe(JsonNode o, long now, Map<String, String> slots) {
        String status = o.path("status").asText();
        JsonNode item = o.path("items").path(0);
        slots.put("order_id", o.path("order_id").asText());
        slots.put("status", status);
        String[] st = STATUS.getOrDefault(status, new String[] {status, status});
        slots.put("status_text.zh", st[0]);
        slots.put("status_text.en", st[1]);
        slots.put("item.zh", item.path("name_zh").asText() + " " + item.path("size").asText() + " ×" + item.path("qty").asInt());
        slots.put("item.en", item.path("name_en").asText() + " size " + item.path("size").asText() + " ×" + item.path("qty").asInt());
        slots.put("size", item.path("size").asText());
        slots.put("amount", String.format(Locale.ROOT, "%.2f", o.path("amount").asDouble()));
        slots.put("address", o.path("address").asText());
        long promised = o.path("promised_ship_by").asLong();
        date(slots, "promised", promised);
        boolean shipped = o.has("shipped_at");
        slots.put("overdue", !shipped && now > promised ? "yes" : "no");
        if (shipped) {
            date(slots, "shipped_at", o.path("shipped_at").asLong());
            slots.put("courier.zh", o.path("courier_zh").asText());
            slots.put("courier.en", o.path("courier_en").asText());
            slots.put("tracking_no", o.path("tracking_no").asText());
        }
        if (o.has("eta")) {
            date(slots, "eta", o.path("eta").asLong());
        }
        if (status.equals("delivered")) {
            long since = now - o.path("delivered_at").asLong();
            slots.put("returnable", since <= RETURN_WINDOW.toMillis() ? "yes" : "no");
            slots.put("days_since_delivery", Long.toString(Duration.ofMillis(since).toDays()));
        } else {
            slots.put("returnable", status.equals("shipped") ? "not_delivered" : "not_shipped");
        }
    }
}

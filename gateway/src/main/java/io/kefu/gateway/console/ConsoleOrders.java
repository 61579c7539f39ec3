package io.kefu.gateway.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kefu.gateway.dialogue.ErpEndpoints;
import io.kefu.gateway.extension.NodeContext;
import io.kefu.handlers.erp.ErpClient;
import io.kefu.handlers.erp.ErpException;
import io.kefu.handlers.erp.ErpSettings;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The console's order panel: the buyer's recent orders from the ERP ({@code GET /api/orders?buyer_id=}),
 * boiled down to what an agent needs (id, status, items, amount, courier, tracking number, latest
 * logistics event). Waits at most {@link #budget()}; an ERP that is absent, down, slow, untrusted or
 * refusing gives {@code {"available":false,"reason":…,"message":…}}, never an error status.
 *
 * <p>The ERP client is built from the {@code erp} section exactly as the dialogue builds its own
 * (same settings and defaults; {@code erp.simulator} resolves the node's simulator at call time). The
 * section is validated by the dialogue extension when the node starts, so it is only read here. The
 * console has its own client, so an agent's lookups never open the bot's circuit breaker or the
 * other way round.
 */
final class ConsoleOrders {
    static final int MAX_ORDERS = 10;
    static final int MAX_ITEMS = 20;
    private static final Duration MIN_BUDGET = Duration.ofSeconds(2);
    private static final Duration MAX_BUDGET = Duration.ofSeconds(5);

    private final Optional<ErpClient> erp;
    private final Map<String, String> storeLanguages;
    private final Duration budget;

    ConsoleOrders(Optional<ErpClient> erp, Map<String, String> storeLanguages) {
        this.erp = erp;
        this.storeLanguages = Map.copyOf(storeLanguages);
        // An agent can wait a little longer than a buyer's turn, but not for every retry of a dead ERP.
        this.budget = erp.map(c -> clamp(c.settings().budget())).orElse(MIN_BUDGET);
    }

    /** The ERP of this node per its {@code erp} section, or none when there is no such section. */
    static ConsoleOrders from(NodeContext ctx) {
        Map<String, String> languages = new HashMap<>();
        ctx.config().stores().forEach(st -> languages.put(st.id(), st.language() == null ? "" : st.language()));
        Optional<JsonNode> section = ctx.config().section("erp");
        if (section.isEmpty() || !section.get().isObject()) {
            return new ConsoleOrders(Optional.empty(), languages);
        }
        JsonNode n = section.get();
        boolean simulator = n.path("simulator").asBoolean(false);
        URI url = URI.create(n.hasNonNull("base_url") ? n.get("base_url").asText() : "http://127.0.0.1:1");
        ErpSettings s = new ErpSettings(url, n.path("app_key").asText(""), n.path("app_secret").asText(""),
                Duration.ofMillis(n.path("budget_ms").asLong(ErpSettings.DEFAULT_BUDGET.toMillis())),
                Duration.ofMillis(n.path("timeout_ms").asLong(ErpSettings.DEFAULT_TIMEOUT.toMillis())),
                n.path("retries").asInt(ErpSettings.DEFAULT_RETRIES),
                n.path("breaker_failures").asInt(ErpSettings.DEFAULT_BREAKER_FAILURES),
                Duration.ofSeconds(n.path("breaker_open_seconds").asLong(ErpSettings.DEFAULT_BREAKER_OPEN_FOR.toSeconds())));
        ErpClient client = simulator
                ? new ErpClient(s, ctx.clock(), () -> ErpEndpoints.of(ctx).orElseThrow(() -> new IllegalStateException(
                        "erp.simulator is on but no ERP simulator runs in this node")))
                : new ErpClient(s, ctx.clock());
        return new ConsoleOrders(Optional.of(client), languages);
    }

    Duration budget() {
        return budget;
    }

    private static Duration clamp(Duration d) {
        return d.compareTo(MIN_BUDGET) < 0 ? MIN_BUDGET : d.compareTo(MAX_BUDGET) > 0 ? MAX_BUDGET : d;
    }

    /**
     * The panel for one buyer; blocks up to the budget (the console API runs on the blocking pool).
     *
     * @param language the conversation's language ("en": English names and events; "": the store's; else Chinese)
     */
    ObjectNode lookup(String buyerId, String language, String storeId) {
        ObjectNode o = ConsoleViews.JSON.createObjectNode();
        o.put("buyerId", buyerId);
        if (erp.isEmpty()) {
            return unavailable(o, "not_configured", "No ERP is configured for this store.");
        }
        if (buyerId == null || buyerId.isBlank()) {
            return unavailable(o, "no_buyer", "This conversation has no buyer id to look up.");
        }
        JsonNode data;
        var call = erp.get().get("/api/orders?buyer_id=" + URLEncoder.encode(buyerId, StandardCharsets.UTF_8));
        try {
            data = call.get(budget.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            return unavailable(o, "timeout", "The ERP did not answer within " + budget.toMillis() + " ms.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unavailable(o, "timeout", "Interrupted while waiting for the ERP.");
        } catch (ExecutionException | RuntimeException e) {
            Throwable c = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            if (c instanceof ErpException x) {
                return switch (x.kind()) {
                    case UNAVAILABLE -> unavailable(o, "unavailable", "The ERP is unavailable: " + x.getMessage());
                    case BAD_RESPONSE -> unavailable(o, "bad_response", "The ERP's answer was not trusted: " + x.getMessage());
                    case REFUSED -> unavailable(o, "refused", "The ERP refused (code " + x.code() + "): " + x.getMessage());
                };
            }
            return unavailable(o, "unavailable", "The ERP could not be asked: " + c);
        }
        boolean en = "en".equals(language == null || language.isEmpty() ? storeLanguages.getOrDefault(storeId, "") : language);
        List<JsonNode> found = new ArrayList<>();
        data.path("orders").forEach(order -> {
            // Only this buyer's orders, whatever the ERP says.
            if (order.isObject() && (!order.has("buyer_id") || buyerId.equals(order.path("buyer_id").asText()))) {
                found.add(order);
            }
        });
        found.sort(Comparator.comparingLong((JsonNode x) -> x.path("paid_at").asLong(x.path("created_at").asLong())).reversed());
        o.put("available", true);
        ArrayNode orders = o.putArray("orders");
        found.stream().limit(MAX_ORDERS).forEach(order -> orders.add(order(order, en)));
        o.put("total", found.size());
        return o;
    }

    private static ObjectNode order(JsonNode in, boolean en) {
        ObjectNode o = ConsoleViews.JSON.createObjectNode();
        o.put("orderId", in.path("order_id").asText());
        o.put("status", in.path("status").asText());
        if (in.path("amount").isNumber()) {
            o.put("amount", in.get("amount").decimalValue());
        }
        long at = in.path("paid_at").asLong(in.path("created_at").asLong());
        if (at > 0) {
            o.put("at", at);
        }
        ArrayNode items = o.putArray("items");
        int n = 0;
        for (JsonNode i : in.path("items")) {
            if (n++ == MAX_ITEMS) {
                break;
            }
            ObjectNode item = items.addObject();
            item.put("sku", i.path("sku").asText());
            item.put("name", pick(i, "name", en));
            String variant = String.join(" / ", java.util.stream.Stream.of(i.path("size").asText(), i.path("color").asText())
                    .filter(s -> !s.isBlank()).toList());
            if (!variant.isEmpty()) {
                item.put("variant", variant);
            }
            item.put("qty", i.path("qty").asInt(1));
        }
        if (in.hasNonNull("tracking_no") || in.hasNonNull("courier_zh") || in.hasNonNull("courier_en") || in.hasNonNull("courier")) {
            ObjectNode l = o.putObject("logistics");
            l.put("courier", pick(in, "courier", en));
            l.put("trackingNo", in.path("tracking_no").asText());
            JsonNode latest = null;
            for (JsonNode e : in.path("events")) {
                if (latest == null || e.path("at").asLong() > latest.path("at").asLong()) {
                    latest = e;
                }
            }
            if (latest != null) {
                l.putObject("latest").put("at", latest.path("at").asLong()).put("text", pick(latest, "", en));
            }
        }
        return o;
    }

    /** {@code name_zh}/{@code name_en} (or {@code zh}/{@code en} for an empty prefix), the other one, or the plain field. */
    private static String pick(JsonNode n, String prefix, boolean en) {
        String p = prefix.isEmpty() ? "" : prefix + "_";
        String first = n.path(p + (en ? "en" : "zh")).asText("");
        String second = n.path(p + (en ? "zh" : "en")).asText("");
        return !first.isBlank() ? first : !second.isBlank() ? second : prefix.isEmpty() ? n.path("text").asText("") : n.path(prefix).asText("");
    }

    private static ObjectNode unavailable(ObjectNode o, String reason, String message) {
        o.put("available", false);
        o.put("reason", reason);
        o.put("message", message);
        return o;
    }
}

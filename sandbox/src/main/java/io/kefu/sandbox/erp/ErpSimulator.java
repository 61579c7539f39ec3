package io.kefu.sandbox.erp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.kefu.handlers.erp.ErpSignature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stand-in for a store's ERP over real HTTP: orders, logistics tracks, inventory, after-sales work
 * orders, address and order changes, cancellations, refunds and invoices. Every request must be
 * signed ({@link ErpSignature}: known app key, timestamp within ±10 min, HMAC-SHA256) and every
 * answer is signed back. Writes honour an idempotency key: the same key gets the same answer and
 * changes nothing twice. {@link #faults()} makes it slow or broken on demand.
 *
 * <p>Answers are {@code {"code":0,"message":"ok","data":{…}}}; business refusals keep HTTP 200
 * with a code: 40001 bad request, 40101 bad signature, 40102 stale timestamp, 40103 unknown app
 * key, 40401 not found, 40901 already shipped, 40902 not cancellable.
 */
public final class ErpSimulator implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ErpSimulator.class);
    private static final Pattern ORDER = Pattern.compile("^/api/orders/([0-9A-Za-z-]+)(/[a-z]+)?$");

    private final HttpServer server;
    private final ExecutorService pool;
    private final String appKey;
    private final String secret;
    private final Clock clock;
    private final ErpStore store;
    private final ErpFaults faults = new ErpFaults();
    private final Map<String, String> idempotent = new ConcurrentHashMap<>();
    private final AtomicLong requests = new AtomicLong();

    private ErpSimulator(HttpServer server, String appKey, String secret, Clock clock) {
        this.server = server;
        this.appKey = appKey;
        this.secret = secret;
        this.clock = clock;
        this.store = new ErpStore(clock);
        this.pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "erp-simulator");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(pool);
        server.createContext("/", this::serve);
        server.start();
    }

    /** Starts on {@code port} (0 = any free port) of 127.0.0.1. */
    public static ErpSimulator start(int port, String appKey, String secret) throws IOException {
        return start(port, appKey, secret, Clock.systemUTC());
    }

    public static ErpSimulator start(int port, String appKey, String secret, Clock clock) throws IOException {
        // Without TCP_NODELAY the JDK server's header and body writes meet delayed ACKs: +40 ms a call
        // that no real ERP would add. Read once when the server class loads, so set it first.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        return new ErpSimulator(s, appKey, secret, clock);
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public ErpFaults faults() {
        return faults;
    }

    /** Requests received (signed or not), for tests that check the breaker spares a dead ERP. */
    public long requests() {
        return requests.get();
    }

    /** The buyer's orders (seeding them on first sight), most recent first as the API lists them. */
    public List<JsonNode> orders(String buyerId) {
        return List.copyOf(store.orders(buyerId));
    }

    public JsonNode order(String orderId) {
        return store.order(orderId);
    }

    public List<JsonNode> workOrders() {
        return List.copyOf(store.workOrders());
    }

    public List<JsonNode> invoices() {
        return List.copyOf(store.invoices());
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }

    private void serve(HttpExchange ex) throws IOException {
        requests.incrementAndGet();
        try (ex) {
            String body = read(ex.getRequestBody());
            long delay = faults.delayMs();
            if (delay > 0) {
                Thread.sleep(delay); // a slow ERP is exactly what we simulate
            }
            if (faults.mode() == ErpFaults.Mode.DOWN) {
                send(ex, 503, "{\"code\":50301,\"message\":\"service unavailable\"}");
                return;
            }
            String refusal = authenticate(ex, body);
            if (refusal != null) {
                send(ex, 401, refusal);
                return;
            }
            String key = ex.getRequestHeaders().getFirst(ErpSignature.IDEMPOTENCY_KEY);
            String path = ex.getRequestURI().getPath();
            String memo = key == null ? null : ex.getRequestMethod() + " " + path + " " + key;
            String answer = memo == null ? null : idempotent.get(memo);
            if (answer == null) {
                answer = route(ex.getRequestMethod(), path, query(ex.getRequestURI()), body);
                if (memo != null) {
                    answer = idempotent.merge(memo, answer, (old, fresh) -> old);
                }
            }
            send(ex, 200, answer);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("ERP simulator failed on {}", ex.getRequestURI(), e);
            send(ex, 500, "{\"code\":50001,\"message\":\"internal error\"}");
        }
    }

    private String authenticate(HttpExchange ex, String body) {
        String key = ex.getRequestHeaders().getFirst(ErpSignature.APP_KEY);
        String ts = ex.getRequestHeaders().getFirst(ErpSignature.TIMESTAMP);
        String sign = ex.getRequestHeaders().getFirst(ErpSignature.SIGN);
        if (!appKey.equals(key)) {
            return error(40103, "unknown app key");
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(ts == null ? "" : ts);
        } catch (NumberFormatException e) {
            return error(40102, "missing or malformed timestamp");
        }
        if (!ErpSignature.fresh(timestamp, clock.millis())) {
            return error(40102, "timestamp outside ±10 minutes");
        }
        String rawPath = ex.getRequestURI().getRawPath() + (ex.getRequestURI().getRawQuery() == null ? "" : "?" + ex.getRequestURI().getRawQuery());
        String expected = ErpSignature.request(secret, appKey, timestamp, ex.getRequestMethod(), rawPath, body);
        return ErpSignature.matches(expected, sign) ? null : error(40101, "signature does not match");
    }

    private String route(String method, String path, Map<String, String> query, String body) {
        JsonNode req;
        try {
            req = body.isEmpty() ? ErpStore.JSON.createObjectNode() : ErpStore.JSON.readTree(body);
        } catch (IOException e) {
            return error(40001, "body is not JSON");
        }
        if (method.equals("GET") && path.equals("/api/orders")) {
            String buyer = query.get("buyer_id");
            if (buyer == null || buyer.isBlank()) {
                return error(40001, "buyer_id is required");
            }
            ObjectNode data = ErpStore.JSON.createObjectNode();
            ArrayNode arr = data.putArray("orders");
            store.orders(buyer).stream()
                    .sorted((a, b) -> Long.compare(b.get("paid_at").asLong(), a.get("paid_at").asLong()))
                    .forEach(arr::add);
            return ok(data);
        }
        if (method.equals("GET") && path.equals("/api/inventory")) {
            return inventory(query.getOrDefault("sku", ""));
        }
        if (method.equals("POST") && path.equals("/api/work-orders")) {
            if (store.order(req.path("order_id").asText()) == null) {
                return error(40401, "order not found");
            }
            if (!Set.of("return", "exchange", "quality").contains(req.path("type").asText())) {
                return error(40001, "type must be return, exchange or quality");
            }
            return ok(store.addWorkOrder(req));
        }
        if (method.equals("POST") && path.equals("/api/invoices")) {
            if (store.order(req.path("order_id").asText()) == null) {
                return error(40401, "order not found");
            }
            if (req.path("title").asText().isBlank()) {
                return error(40001, "title is required");
            }
            return ok(store.addInvoice(req));
        }
        Matcher m = ORDER.matcher(path);
        if (!m.matches()) {
            return error(40401, "no such endpoint: " + method + " " + path);
        }
        ObjectNode order = store.order(m.group(1));
        if (order == null) {
            return error(40401, "order not found");
        }
        String sub = m.group(2) == null ? "" : m.group(2);
        synchronized (store) {
            return switch (method + " " + sub) {
                case "GET " -> ok(order);
                case "GET /tracking" -> tracking(order);
                case "GET /refund" -> refund(order);
                case "POST /address" -> changeAddress(order, req);
                case "POST /modify" -> modify(order, req);
                case "POST /cancel" -> cancel(order);
                default -> error(40401, "no such endpoint: " + method + " " + path);
            };
        }
    }

    private String tracking(ObjectNode order) {
        if (!order.has("tracking_no")) {
            return error(40402, "not shipped yet");
        }
        ObjectNode t = ErpStore.JSON.createObjectNode();
        for (String f : List.of("order_id", "status", "courier_zh", "courier_en", "tracking_no", "eta", "events")) {
            t.set(f, order.get(f));
        }
        return ok(t);
    }

    private String refund(ObjectNode order) {
        ObjectNode r = ErpStore.JSON.createObjectNode();
        r.put("order_id", order.get("order_id").asText());
        JsonNode refund = order.get("refund");
        r.put("status", refund == null ? "none" : refund.get("status").asText());
        if (refund != null) {
            r.set("amount", refund.get("amount"));
            r.set("updated_at", refund.get("updated_at"));
        }
        return ok(r);
    }

    private static boolean shipped(ObjectNode order) {
        return !Set.of("unpaid", "paid").contains(order.get("status").asText());
    }

    private String changeAddress(ObjectNode order, JsonNode req) {
        if (shipped(order)) {
            return error(40901, "already shipped: the address can no longer change");
        }
        String address = req.path("address").asText();
        if (address.isBlank()) {
            return error(40001, "address is required");
        }
        order.put("address", address);
        return ok(order);
    }

    private String modify(ObjectNode order, JsonNode req) {
        if (shipped(order)) {
            return error(40901, "already shipped: the order can no longer change");
        }
        ObjectNode item = (ObjectNode) order.get("items").get(0);
        if (req.hasNonNull("size")) {
            item.put("size", req.get("size").asText());
        }
        if (req.hasNonNull("color")) {
            item.put("color", req.get("color").asText());
        }
        return ok(order);
    }

    private String cancel(ObjectNode order) {
        if (shipped(order) || order.get("status").asText().equals("cancelled")) {
            return error(40902, "only orders that have not shipped can be cancelled");
        }
        order.put("status", "cancelled");
        ObjectNode refund = order.putObject("refund");
        refund.put("status", "refunded");
        refund.put("amount", order.get("amount").asDouble());
        refund.put("updated_at", clock.millis());
        return ok(order);
    }

    private String inventory(String sku) {
        DemoCatalogue.Product p = DemoCatalogue.bySku(sku);
        if (p == null) {
            return error(40401, "unknown sku");
        }
        ObjectNode data = ErpStore.JSON.createObjectNode();
        data.put("sku", p.sku());
        data.put("name_zh", p.zh());
        data.put("name_en", p.en());
        data.put("price", p.price());
        ObjectNode stock = data.putObject("stock");
        new java.util.TreeMap<>(p.stock()).forEach(stock::put);
        return ok(data);
    }

    private static String ok(JsonNode data) {
        ObjectNode root = ErpStore.JSON.createObjectNode();
        root.put("code", 0);
        root.put("message", "ok");
        root.set("data", data);
        return root.toString();
    }

    private static String error(int code, String message) {
        ObjectNode root = ErpStore.JSON.createObjectNode();
        root.put("code", code);
        root.put("message", message);
        return root.toString();
    }

    private void send(HttpExchange ex, int status, String body) throws IOException {
        if (faults.mode() == ErpFaults.Mode.GARBAGE) {
            body = "<html>502 upstream</html>";
        }
        long ts = clock.millis();
        String sign = ErpSignature.response(secret, ts, body);
        if (faults.mode() == ErpFaults.Mode.BAD_SIGNATURE) {
            // Flip the first hex digit; replacing it with a fixed "0" left one answer in sixteen intact.
            sign = (sign.charAt(0) == '0' ? "1" : "0") + sign.substring(1);
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        ex.getResponseHeaders().set(ErpSignature.TIMESTAMP, Long.toString(ts));
        ex.getResponseHeaders().set(ErpSignature.SIGN, sign);
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String read(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> q = new java.util.HashMap<>();
        String raw = uri.getRawQuery();
        if (raw == null) {
            return q;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                q.put(java.net.URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return q;
    }
}

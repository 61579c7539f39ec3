package io.kefu.sandbox.console;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kefu.gateway.KefuNode;
import io.kefu.gateway.openchannel.client.OpenChannelClient;
import io.kefu.handlers.config.ConfigLoader;
import io.kefu.handlers.config.KefuConfig;
import io.kefu.handlers.testing.RedisExtension;
import io.kefu.handlers.testing.TestModels;
import io.kefu.sandbox.erp.ErpFaults;
import io.kefu.sandbox.erp.ErpSimulator;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's order panel API ({@code GET /console/api/conversations/{id}/orders}) against a real
 * node and the real ERP simulator over signed HTTP: a seeded buyer's orders, the store boundary, the
 * session rule, and an ERP that is down, slow or missing answering {@code available:false}, never 5xx.
 */
class ConsoleOrderPanelTest {
    private static final Duration T = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(T).build();
    private static final String APP_KEY = "panel-app";
    private static final String SECRET = "panel-erp-secret-0123456789";

    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();
    @TempDir
    static Path data;
    @TempDir
    static Path data2;
    static ErpSimulator erp;
    static KefuNode node;

    @BeforeAll
    static void start() throws Exception {
        erp = ErpSimulator.start(0, APP_KEY, SECRET);
        // One attempt of 500 ms, and a breaker that never opens here, so each case stands alone.
        String erpSection = """
                erp:
                  base_url: %s
                  app_key: %s
                  app_secret: %s
                  timeout_ms: 500
                  retries: 0
                  breaker_failures: 1000
                """.formatted(erp.baseUrl(), APP_KEY, SECRET);
        node = KefuNode.start(KefuNode.Options.of(config(erpSection)).port(0).host("127.0.0.1").redisUrl(redis.url())
                .dataDir(data).classifier(TestModels.fast()));
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
        if (erp != null) {
            erp.close();
        }
    }

    @AfterEach
    void heal() {
        erp.faults().reset();
    }

    @Test
    void aSeededBuyersOrdersAreShownWithLogistics() throws Exception {
        String conv = handedOff(node, "b-panel");
        Agent agent = agent(node, "agent", "agent-demo-pass");
        HttpResponse<String> r = agent.get(orders(conv));
        assertEquals(200, r.statusCode(), r.body());
        JsonNode panel = JSON.readTree(r.body());
        assertTrue(panel.get("available").asBoolean(), r.body());
        assertEquals("b-panel", panel.get("buyerId").asText());

        List<JsonNode> seeded = erp.orders("b-panel");
        assertEquals(seeded.size(), panel.get("orders").size());
        JsonNode shipped = seeded.stream().filter(o -> o.path("status").asText().equals("shipped")).findFirst().orElseThrow();
        JsonNode shown = find(panel, shipped.get("order_id").asText());
        assertEquals("shipped", shown.get("status").asText());
        assertEquals(shipped.get("amount").asDouble(), shown.get("amount").asDouble(), 0.001);
        assertEquals(shipped.at("/items/0/name_zh").asText(), shown.at("/items/0/name").asText(), "a zh store gets zh names");
        assertEquals(shipped.at("/items/0/qty").asInt(), shown.at("/items/0/qty").asInt());
        assertEquals(shipped.get("courier_zh").asText(), shown.at("/logistics/courier").asText());
        assertEquals(shipped.get("tracking_no").asText(), shown.at("/logistics/trackingNo").asText());
        long latest = 0;
        String latestText = "";
        for (JsonNode e : shipped.get("events")) {
            if (e.get("at").asLong() > latest) {
                latest = e.get("at").asLong();
                latestText = e.get("zh").asText();
            }
        }
        assertEquals(latestText, shown.at("/logistics/latest/text").asText(), "the latest logistics event");

        JsonNode paid = seeded.stream().filter(o -> o.path("status").asText().equals("paid")).findFirst().orElseThrow();
        assertTrue(find(panel, paid.get("order_id").asText()).path("logistics").isMissingNode(), "not shipped: no logistics");

        assertEquals(405, agent.post(orders(conv)).statusCode(), "read-only");
    }

    @Test
    void anotherStoresAgentAndAnonymousCallersGetNothing() throws Exception {
        String conv = handedOff(node, "b-panel-foreign");
        long before = erp.requests();
        Agent olga = agent(node, "olga", "agent-demo-pass");
        HttpResponse<String> foreign = olga.get(orders(conv));
        assertEquals(404, foreign.statusCode(), foreign.body());
        assertFalse(foreign.body().contains("orders\""), foreign.body());
        Agent anonymous = new Agent("http://127.0.0.1:" + node.port(), "kefu_console=forged", "x");
        assertEquals(401, anonymous.get(orders(conv)).statusCode());
        Agent agent = agent(node, "agent", "agent-demo-pass");
        assertEquals(404, agent.get(orders("open:demo:never-handed-off")).statusCode());
        assertEquals(before, erp.requests(), "refused requests never reached the ERP");
    }

    @Test
    void anErpThatIsDownSlowOrUntrustedIsReportedNotFailed() throws Exception {
        String conv = handedOff(node, "b-panel-down");
        Agent agent = agent(node, "agent", "agent-demo-pass");

        erp.faults().mode(ErpFaults.Mode.DOWN);
        JsonNode down = unavailable(agent.get(orders(conv)));
        assertEquals("unavailable", down.get("reason").asText(), down.toString());

        erp.faults().reset().delay(1500); // beyond the 500 ms attempt
        JsonNode slow = unavailable(agent.get(orders(conv)));
        assertEquals("unavailable", slow.get("reason").asText(), slow.toString());
        assertTrue(slow.get("message").asText().contains("timed out"), slow.toString());

        erp.faults().reset().mode(ErpFaults.Mode.BAD_SIGNATURE);
        JsonNode forged = unavailable(agent.get(orders(conv)));
        assertEquals("bad_response", forged.get("reason").asText(), forged.toString());

        erp.faults().reset();
        HttpResponse<String> healed = agent.get(orders(conv));
        assertTrue(JSON.readTree(healed.body()).get("available").asBoolean(), "back once the ERP is: " + healed.body());
    }

    @Test
    void aNodeWithoutAnErpSaysSo() throws Exception {
        // Its own (embedded, real) Redis, so the two nodes share nothing.
        try (KefuNode bare = KefuNode.start(KefuNode.Options.of(config("")).port(0).host("127.0.0.1")
                .dataDir(data2).classifier(TestModels.fast()))) {
            String conv = handedOff(bare, "b-panel-no-erp");
            JsonNode panel = unavailable(agent(bare, "agent", "agent-demo-pass").get(orders(conv)));
            assertEquals("not_configured", panel.get("reason").asText(), panel.toString());
        }
    }

    private static JsonNode unavailable(HttpResponse<String> r) throws Exception {
        assertEquals(200, r.statusCode(), r.body());
        JsonNode n = JSON.readTree(r.body());
        assertFalse(n.get("available").asBoolean(), r.body());
        assertFalse(n.get("message").asText().isBlank(), r.body());
        return n;
    }

    private static JsonNode find(JsonNode panel, String orderId) {
        for (JsonNode o : panel.get("orders")) {
            if (o.get("orderId").asText().equals(orderId)) {
                return o;
            }
        }
        throw new AssertionError("order " + orderId + " not in the panel: " + panel);
    }

    private static String orders(String conv) {
        return "/console/api/conversations/" + URLEncoder.encode(conv, StandardCharsets.UTF_8).replace("+", "%20") + "/orders";
    }

    /** A buyer on the demo channel asks for a person; returns the conversation once its ticket is queued. */
    private static String handedOff(KefuNode n, String buyerId) throws Exception {
        try (OpenChannelClient buyer = OpenChannelClient.connect(OpenChannelClient.uri("127.0.0.1", n.port(), "demo"), "demo-token", T)) {
            buyer.auth(buyerId, T);
            buyer.send("m1", "转人工").get();
            buyer.nextReply(T);
        }
        String conv = "open:demo:" + buyerId;
        Agent agent = agent(n, "agent", "agent-demo-pass");
        await().atMost(T).until(() -> agent.get("/console/api/queue").body().contains(conv));
        return conv;
    }

    record Agent(String base, String cookie, String csrf) {
        HttpResponse<String> get(String path) throws Exception {
            return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(T).header("Cookie", cookie).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(String path) throws Exception {
            return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(T).header("Cookie", cookie)
                    .header("Content-Type", "application/json").header("X-Kefu-Csrf", csrf)
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    private static Agent agent(KefuNode n, String user, String password) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + n.port() + "/console/api/login")).timeout(T)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), "login of " + user + ": " + r.body());
        String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        return new Agent("http://127.0.0.1:" + n.port(), setCookie.substring(0, setCookie.indexOf(';')),
                JSON.readTree(r.body()).get("csrf").asText());
    }

    /** The demo config with its ERP section replaced by {@code erpSection}, plus a second store and its agent olga. */
    private static KefuConfig config(String erpSection) throws Exception {
        String demo;
        try (InputStream in = KefuNode.class.getResourceAsStream("/io/kefu/gateway/demo-kefu.yaml")) {
            demo = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String agentHash = demo.replaceAll("(?s).*username: agent\\s+password_hash: \"([^\"]+)\".*", "$1");
        String erpBlock = demo.replaceAll("(?s).*?(\\nerp:\\n(?:  [^\\n]*\\n)+).*", "$1");
        assertTrue(erpBlock.startsWith("\nerp:\n"), "the demo config has an erp block: " + erpBlock);
        String yaml = demo.replace(erpBlock, "\n" + erpSection).replace("\nconsole:\n", """

                  - id: other-store
                    name: Other store
                    channels:
                      - id: other
                        platform: open
                        token: other-token
                console:
                """).replace("  accounts:\n", """
                  accounts:
                    - username: olga
                      password_hash: "%s"
                      store: other-store
                """.formatted(agentHash));
        return ConfigLoader.parse("order panel test config", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }
}

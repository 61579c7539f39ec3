package io.kefu.sandbox.stories;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kefu.handlers.erp.CircuitBreaker;
import io.kefu.handlers.erp.ErpClient;
import io.kefu.handlers.erp.ErpException;
import io.kefu.handlers.erp.ErpSettings;
import io.kefu.sandbox.erp.ErpFaults;
import io.kefu.sandbox.erp.ErpSimulator;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ERP client against the real simulator over HTTP: signatures both ways, refusals, retries, breaker, idempotency. */
class ErpClientAgainstSimulatorTest {
    static final String SECRET = "client-test-secret-0123";
    static ErpSimulator sim;

    @BeforeAll
    static void start() throws Exception {
        sim = ErpSimulator.start(0, "client-app", SECRET);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @BeforeEach
    void healthy() {
        sim.faults().reset();
    }

    private static ErpClient client(String secret, Clock clock) {
        return new ErpClient(ErpSettings.of(sim.baseUrl(), "client-app", secret).withTimeout(Duration.ofSeconds(10), 1)
                .withBreaker(3, Duration.ofHours(1)), clock);
    }

    private static ErpException failure(java.util.concurrent.CompletableFuture<JsonNode> f) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(30, TimeUnit.SECONDS));
        return (ErpException) e.getCause();
    }

    @Test
    void aSignedRequestGetsTheBuyersOrders() throws Exception {
        JsonNode data = client(SECRET, Clock.systemUTC()).get("/api/orders?buyer_id=alice").get(30, TimeUnit.SECONDS);
        assertEquals(3, data.path("orders").size());
    }

    @Test
    void aWrongSecretOrAStaleClockGetsNoData() {
        // The ERP refuses it (40101) and signs the refusal with the real secret, which this client cannot verify either.
        ErpException wrong = failure(client("not-the-secret-at-all", Clock.systemUTC()).get("/api/orders?buyer_id=alice"));
        assertEquals(ErpException.Kind.BAD_RESPONSE, wrong.kind());
        Clock skewed = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(11));
        assertEquals(40102, failure(client(SECRET, skewed).get("/api/orders?buyer_id=alice")).code());
    }

    @Test
    void answersWithABadSignatureOrNoJsonAreNeverTrusted() {
        sim.faults().mode(ErpFaults.Mode.BAD_SIGNATURE);
        ErpException e = failure(client(SECRET, Clock.systemUTC()).get("/api/orders?buyer_id=alice"));
        assertEquals(ErpException.Kind.BAD_RESPONSE, e.kind());
        assertTrue(e.getMessage().contains("signature"), e.getMessage());
        sim.faults().mode(ErpFaults.Mode.GARBAGE);
        assertEquals(ErpException.Kind.BAD_RESPONSE, failure(client(SECRET, Clock.systemUTC()).get("/api/orders?buyer_id=alice")).kind());
    }

    @Test
    void aDeadErpOpensTheBreakerAndIsLeftAlone() {
        ErpClient c = client(SECRET, Clock.systemUTC());
        sim.faults().mode(ErpFaults.Mode.DOWN);
        assertEquals(ErpException.Kind.UNAVAILABLE, failure(c.get("/api/orders?buyer_id=alice")).kind()); // 2 attempts
        assertEquals(ErpException.Kind.UNAVAILABLE, failure(c.get("/api/orders?buyer_id=alice")).kind()); // 1 more opens it
        assertEquals(CircuitBreaker.State.OPEN, c.breaker().state());
        long before = sim.requests();
        ErpException fast = failure(c.get("/api/orders?buyer_id=alice"));
        assertTrue(fast.getMessage().contains("circuit breaker"), fast.getMessage());
        assertEquals(before, sim.requests(), "an open breaker sends nothing");
    }

    @Test
    void aRetriedWriteCreatesOneWorkOrder() throws Exception {
        ErpClient c = client(SECRET, Clock.systemUTC());
        String order = sim.orders("wo-buyer").get(0).path("order_id").asText();
        var body = new ObjectMapper().createObjectNode().put("order_id", order).put("type", "return").put("reason", "size");
        long before = sim.workOrders().size();
        String first = c.post("/api/work-orders", body, "conv:m1:submit").get(30, TimeUnit.SECONDS).path("work_order_id").asText();
        String again = c.post("/api/work-orders", body, "conv:m1:submit").get(30, TimeUnit.SECONDS).path("work_order_id").asText();
        assertEquals(first, again, "the same key gets the same answer");
        assertEquals(before + 1, sim.workOrders().size());
    }
}

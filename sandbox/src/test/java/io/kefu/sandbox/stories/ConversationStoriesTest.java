package io.kefu.sandbox.stories;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kefu.gateway.KefuNode;
import io.kefu.gateway.openchannel.client.OpenChannelClient;
import io.kefu.handlers.config.ConfigLoader;
import io.kefu.handlers.store.RedisConversationStore;
import io.kefu.handlers.testing.RedisExtension;
import io.kefu.handlers.testing.TestModels;
import io.kefu.proto.v1.Attachment;
import io.kefu.proto.v1.ChatMessage;
import io.kefu.proto.v1.ClientFrame;
import io.kefu.proto.v1.ConversationMode;
import io.kefu.proto.v1.DialogueState;
import io.kefu.proto.v1.Reply;
import io.kefu.sandbox.erp.ErpFaults;
import io.kefu.sandbox.erp.ErpSimulator;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every story in {@code src/test/resources/stories/} end to end: a buyer on the open channel (real
 * WebSocket) talks to a real KefuNode with the real fast-tier model, whose skills call the ERP
 * simulator over signed HTTP. One node, one simulator and one Redis for the whole class; each story
 * has its own buyer, so stories do not see each other's orders.
 */
class ConversationStoriesTest {
    static final Duration T = Duration.ofSeconds(30);
    static final List<String> FILES = List.of("orders.yaml", "after_sales.yaml", "products.yaml", "context.yaml", "erp_trouble.yaml");

    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    static ErpSimulator erp;
    static KefuNode node;
    static Path dataDir;

    @BeforeAll
    static void start() throws Exception {
        erp = ErpSimulator.start(0, "story-app", "story-secret-0123456789");
        dataDir = Files.createTempDirectory("kefu-stories");
        // A generous budget: on a loaded machine a healthy ERP must never look slow; the "slow" stories
        // make the simulator slower than the budget on purpose.
        String yaml = """
                stores:
                  - id: demo-store
                    name: Story store
                    language: zh
                    channels:
                      - {id: demo, platform: open, token: demo-token}
                erp:
                  base_url: %s
                  app_key: story-app
                  app_secret: story-secret-0123456789
                  budget_ms: 3000
                  timeout_ms: 9000
                  retries: 1
                  breaker_failures: 1000
                knowledge:
                  stores:
                    demo-store: {demo: true}
                """.formatted(erp.baseUrl());
        var config = ConfigLoader.parse("stories.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
        node = KefuNode.start(KefuNode.Options.of(config).port(0).host("127.0.0.1").redisUrl(redis.url()).dataDir(dataDir)
                .classifier(TestModels.fast()));
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

    @TestFactory
    Stream<DynamicTest> stories() throws Exception {
        List<Story> all = new ArrayList<>();
        for (String f : FILES) {
            all.addAll(Story.load(f));
        }
        assertTrue(all.size() >= 30, "at least 30 stories, found " + all.size());
        return all.stream().map(s -> DynamicTest.dynamicTest(s.file() + ": " + s.name(), () -> play(s)));
    }

    private void play(Story story) throws Exception {
        erp.faults().reset();
        String buyerId = story.buyer() + "-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> vars = orderVars(buyerId);
        try (OpenChannelClient buyer = OpenChannelClient.connect(OpenChannelClient.uri("127.0.0.1", node.port(), "demo"), "demo-token", T)) {
            String conversation = buyer.auth(buyerId, T).getConversationId();
            int n = 0;
            for (JsonNode step : story.steps()) {
                n++;
                String where = story.name() + ", step " + n;
                JsonNode faults = step.path("erp");
                if (!faults.isMissingNode()) {
                    erp.faults().delay(faults.path("delay_ms").asLong(0)).mode(ErpFaults.Mode.valueOf(faults.path("mode").asText("NONE")));
                }
                String text = fill(step.path("say").asText(), vars);
                ChatMessage.Builder msg = ChatMessage.newBuilder().setClientMsgId("m" + n).setText(text);
                if (step.has("photo")) {
                    msg.addAttachments(Attachment.newBuilder().setKind(Attachment.Kind.IMAGE).setUrl(step.get("photo").asText()));
                }
                buyer.write(ClientFrame.newBuilder().setMessage(msg).build());
                Reply reply = buyer.nextReply(T);
                assertNotNull(reply, where + ": no reply to \"" + text + "\"");
                assertEquals("m" + n, reply.getInReplyTo(), where + ": the reply answers the message");
                buyer.ackReply(reply.getId());
                check(where, reply, step, vars);
                if (step.has("late_reply")) {
                    Reply late = buyer.nextReply(T);
                    assertNotNull(late, where + ": the late ERP answer never came");
                    buyer.ackReply(late.getId());
                    for (JsonNode s : step.get("late_reply")) {
                        assertTrue(late.getText().contains(fill(s.asText(), vars)),
                                where + ": late reply should contain \"" + fill(s.asText(), vars) + "\" but was: " + late.getText());
                    }
                }
                erp.faults().reset();
                checkState(where, conversation, step, vars);
                checkErp(where, buyerId, step, vars);
            }
        }
    }

    private static void check(String where, Reply reply, JsonNode step, Map<String, String> vars) {
        String got = reply.getText();
        for (JsonNode s : step.path("reply")) {
            String want = fill(s.asText(), vars);
            assertTrue(got.contains(want), where + ": reply should contain \"" + want + "\" but was: " + got);
        }
        if (step.has("reply_any")) {
            boolean any = false;
            for (JsonNode s : step.get("reply_any")) {
                any |= got.contains(fill(s.asText(), vars));
            }
            assertTrue(any, where + ": reply should contain one of " + step.get("reply_any") + " but was: " + got);
        }
        for (JsonNode s : step.path("not_reply")) {
            String bad = fill(s.asText(), vars);
            assertTrue(!got.contains(bad), where + ": reply must not contain \"" + bad + "\" but was: " + got);
        }
        if (step.has("quick_replies")) {
            assertEquals(step.get("quick_replies").asInt(), reply.getQuickRepliesCount(), where + ": quick replies " + reply.getQuickRepliesList());
        }
        if (step.has("language")) {
            boolean han = got.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN);
            assertEquals(step.get("language").asText().equals("zh"), han, where + ": reply language of: " + got);
        }
    }

    private static void checkState(String where, String conversation, JsonNode step, Map<String, String> vars) {
        JsonNode want = step.path("state");
        boolean handoff = step.path("handoff").asBoolean(false);
        if (want.isMissingNode() && !step.has("handoff")) {
            return;
        }
        DialogueState s = new RedisConversationStore(redis.client()).load(conversation).state();
        if (step.has("handoff")) {
            assertEquals(handoff, s.getMode() == ConversationMode.WAITING_FOR_AGENT, where + ": handoff expected " + handoff + ", mode " + s.getMode());
        }
        want.fields().forEachRemaining(e -> {
            String expected = fill(e.getValue().asText(), vars);
            String actual = switch (e.getKey()) {
                case "active_flow" -> s.getActiveFlow();
                case "flow_step" -> s.getFlowStep();
                default -> s.getSlotsOrDefault(e.getKey(), "");
            };
            assertEquals(expected, actual, where + ": state " + e.getKey());
        });
    }

    private static void checkErp(String where, String buyerId, JsonNode step, Map<String, String> vars) {
        JsonNode want = step.path("erp_after");
        if (want.isMissingNode()) {
            return;
        }
        List<String> mine = erp.orders(buyerId).stream().map(o -> o.path("order_id").asText()).toList();
        if (want.has("work_orders")) {
            long count = erp.workOrders().stream().filter(w -> mine.contains(w.path("order_id").asText())).count();
            assertEquals(want.get("work_orders").asLong(), count, where + ": work orders in the ERP");
        }
        if (want.has("invoices")) {
            long count = erp.invoices().stream().filter(w -> mine.contains(w.path("order_id").asText())).count();
            assertEquals(want.get("invoices").asLong(), count, where + ": invoices in the ERP");
        }
        want.path("orders").fields().forEachRemaining(e -> {
            JsonNode o = erp.order(fill(e.getKey(), vars));
            e.getValue().fields().forEachRemaining(f -> {
                String actual = f.getKey().equals("size") ? o.path("items").path(0).path("size").asText() : o.path(f.getKey()).asText();
                assertTrue(actual.contains(fill(f.getValue().asText(), vars)), where + ": ERP order " + f.getKey() + " = " + actual);
            });
        });
    }

    /** {order.shipped}, {order.paid}, {order.delivered}, {order.shipped2}: the buyer's seeded order ids. */
    private static Map<String, String> orderVars(String buyerId) {
        Map<String, String> vars = new HashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        for (JsonNode o : erp.orders(buyerId)) {
            String status = o.path("status").asText();
            int k = seen.merge(status, 1, Integer::sum);
            vars.put("{order." + status + (k == 1 ? "" : Integer.toString(k)) + "}", o.path("order_id").asText());
            if (o.hasNonNull("tracking_no")) {
                vars.put("{tracking." + status + (k == 1 ? "" : Integer.toString(k)) + "}", o.path("tracking_no").asText());
            }
        }
        return vars;
    }

    private static String fill(String s, Map<String, String> vars) {
        for (var e : vars.entrySet()) {
            s = s.replace(e.getKey(), e.getValue());
        }
        return s;
    }
}

package io.kefu.handlers.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplyTemplatesTest {
    private static final String REQUIRED = """
            _fallback: {zh: ["没听懂"], en: ["pardon?"]}
            _handoff: {zh: ["转人工"], en: ["to a human"]}
            _handoff_waiting: {zh: ["排队中"], en: ["still queued"]}
            _busy: {zh: ["忙"], en: ["busy"]}
            """;

    private static ReplyTemplates parse(String yaml) throws IOException {
        return ReplyTemplates.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "replies.yaml");
    }

    @Test
    void defaultsCoverEveryIntentOfTheModelAndTheSpecialKeys() {
        ReplyTemplates t = ReplyTemplates.defaults();
        for (String key : List.of("greeting", "logistics_tracking", "order_status", "human_agent", "out_of_scope",
                "_fallback", "_handoff", "_handoff_waiting", "_busy")) {
            assertTrue(t.has(key), key);
        }
    }

    @Test
    void variantsRotateWithSeq() throws IOException {
        ReplyTemplates t = parse(REQUIRED + "greeting: {zh: [a, b, c], en: [x, y]}\n");
        assertEquals(List.of("a", "b", "c", "a"), List.of(t.pick("greeting", "zh", 0), t.pick("greeting", "zh", 1),
                t.pick("greeting", "zh", 2), t.pick("greeting", "zh", 3)));
        assertEquals("y", t.pick("greeting", "en", 5));
        assertEquals("a", t.pick("greeting", "zh", -3), "never a negative index");
    }

    @Test
    void placeholdersAreFilledAndUnfillableVariantsSkipped() throws IOException {
        ReplyTemplates t = parse(REQUIRED + """
                logistics_tracking:
                  zh: ["单号{tracking_no}", "请发订单号"]
                  en: ["tracking {tracking_no} for {order_id}", "send your order number"]
                """);
        assertEquals("单号SF123", t.fill("logistics_tracking", "zh", 0, Map.of("tracking_no", "SF123")));
        assertEquals("请发订单号", t.fill("logistics_tracking", "zh", 0, Map.of()), "first variant needs a value we lack");
        assertEquals("send your order number", t.fill("logistics_tracking", "en", 0, Map.of("tracking_no", "SF1")));
        assertEquals("tracking SF1 for 42", t.fill("logistics_tracking", "en", 0, Map.of("tracking_no", "SF1", "order_id", "42")));
        // values are literal text, not regex replacement syntax
        assertEquals("单号$1\\x", t.fill("logistics_tracking", "zh", 0, Map.of("tracking_no", "$1\\x")));
    }

    @Test
    void whenNoVariantCanBeFilledTheFallbackIsUsed() throws IOException {
        ReplyTemplates t = parse(REQUIRED + "order_status: {zh: [\"订单{order_id}\"], en: [\"order {order_id}\"]}\n");
        assertEquals("没听懂", t.fill("order_status", "zh", 0, Map.of()));
        assertEquals("pardon?", t.fill("order_status", "en", 0, Map.of()));
    }

    @Test
    void unknownKeyOrLanguage() throws IOException {
        ReplyTemplates t = parse(REQUIRED);
        assertEquals("pardon?", t.pick("no_such_intent", "en", 0));
        assertEquals("没听懂", t.pick("_fallback", "fr", 0), "unknown language falls back to Chinese");
    }

    @Test
    void missingRequiredKeyIsRejectedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> parse(REQUIRED.replace("_busy: {zh: [\"忙\"], en: [\"busy\"]}\n", "")));
        assertTrue(e.getMessage().contains("replies.yaml: missing required key _busy"), e.getMessage());
    }

    @Test
    void everyKeyNeedsBothLanguages() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(REQUIRED + "greeting: {zh: [hi]}\n"));
        assertTrue(e.getMessage().contains("greeting.en"), e.getMessage());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> parse(REQUIRED + "greeting: {zh: [], en: [hi]}\n"));
        assertTrue(empty.getMessage().contains("greeting.zh"), empty.getMessage());
    }
}

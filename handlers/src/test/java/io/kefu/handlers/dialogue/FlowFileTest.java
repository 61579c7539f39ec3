package io.kefu.handlers.dialogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Flow files: every mistake is named with file and line; a bad edit on disk never replaces a good file. */
class FlowFileTest {
    static final Set<String> ACTIONS = Set.of("order.get");

    static final String GOOD = """
            flows:
              gift:
                triggers: [gift_card]
                steps:
                  - id: order
                    ask: order_id
                    entity: order_id
                    prompt: {zh: "订单号？", en: "Order number?"}
                  - call: order.get
                    on: {not_found: missing}
                  - say: {zh: "好的", en: "OK"}
                    next: end
                  - id: missing
                    say: {zh: "没找到", en: "Not found"}
            """;

    private static String error(String yaml) {
        return assertThrows(FlowException.class, () -> new FlowParser("store.yaml", ACTIONS).parse(new StringReader(yaml))).getMessage();
    }

    @Test
    void aGoodFileParses() {
        List<Flow> flows = new FlowParser("store.yaml", ACTIONS).parse(new StringReader(GOOD));
        assertEquals("gift", flows.get(0).name());
        assertEquals(4, flows.get(0).steps().size());
    }

    @Test
    void mistakesNameTheFileAndTheLine() {
        assertEquals("store.yaml:8: flows.gift.steps[0].prompt: needs a text in both zh and en",
                error(GOOD.replace("prompt: {zh: \"订单号？\", en: \"Order number?\"}", "prompt: {zh: \"订单号？\"}")));
        assertTrue(error(GOOD.replace("call: order.get", "call: order.gte")).startsWith("store.yaml:9: flows.gift.steps[1].call: unknown action 'order.gte'"));
        assertTrue(error(GOOD.replace("not_found: missing", "not_found: nowhere")).startsWith("store.yaml:9: flows.gift.steps[1]: goes to step 'nowhere'"));
        assertTrue(error(GOOD.replace("entity: order_id", "entity: shoe")).startsWith("store.yaml:7: flows.gift.steps[0].entity: unknown entity type 'shoe'"));
        assertTrue(error(GOOD.replace("entity: order_id", "pattern: \"([0-9\"")).startsWith("store.yaml:7: flows.gift.steps[0].pattern: does not compile"));
        assertTrue(error(GOOD.replace("    triggers:", "    trigers:")).contains("store.yaml:3: flows.gift.trigers: unknown key"));
        assertTrue(error(GOOD + "  other:\n    triggers: [gift_card]\n    steps:\n      - say: {zh: a, en: b}\n")
                .startsWith("store.yaml:15: trigger 'gift_card' already starts flow 'gift'"));
        assertTrue(error("flows:\n  gift: [\n").startsWith("store.yaml:"), "broken YAML still names the file");
    }

    @Test
    void aChangedFileIsReloadedAndABadEditKeepsThePreviousVersion(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("flows.yaml");
        Files.writeString(file, GOOD);
        MutableClock clock = new MutableClock();
        FlowLibrary lib = new FlowLibrary(List.of(), ACTIONS, clock);
        lib.storeFile("s1", file);
        assertTrue(lib.byTrigger("s1", "gift_card").isPresent());

        Files.writeString(file, GOOD.replace("[gift_card]", "[gift_card, voucher]"));
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        clock.advance(2000);
        assertTrue(lib.byTrigger("s1", "voucher").isPresent(), "the edit is live");

        Files.writeString(file, GOOD.replace("call: order.get", "call: nope"));
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(10)));
        clock.advance(2000);
        assertTrue(lib.byTrigger("s1", "voucher").isPresent(), "the previous version keeps running");
        assertTrue(lib.lastError("s1").contains("flows.yaml:9"), lib.lastError("s1"));
        assertThrows(FlowException.class, () -> lib.storeFile("s2", file), "a bad file at start is an error");
    }

    static final class MutableClock extends Clock {
        private long millis = 1_000_000;

        void advance(long ms) {
            millis += ms;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public long millis() {
            return millis;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }
    }
}

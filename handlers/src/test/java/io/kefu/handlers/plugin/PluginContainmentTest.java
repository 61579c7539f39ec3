package io.kefu.handlers.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kefu.handlers.plugin.host.PluginStatus;
import io.kefu.handlers.plugin.testkit.PluginTestKit;
import io.kefu.handlers.testing.RedisExtension;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Broken plugins are contained: the buyer gets the fallback, the failure is counted, the breaker switches the plugin off. */
class PluginContainmentTest {
    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    static final CountDownLatch NEVER = new CountDownLatch(1);

    /** Behaves according to the text: throws, hangs, or answers garbage of several kinds. */
    static final class BrokenPlugin implements KefuPlugin {
        static final AtomicInteger calls = new AtomicInteger();

        @Override
        public String id() {
            return "broken";
        }

        @Override
        public String version() {
            return "0.0.1";
        }

        @Override
        public void start(PluginContext ctx) {
            ctx.onIntent("membership", turn -> {
                calls.incrementAndGet();
                switch (turn.text()) {
                    case "throw" -> throw new IllegalStateException("plugin bug");
                    case "hang" -> NEVER.await(); // ignores its budget; interrupted by the host
                    case "hang-hard" -> {
                        while (NEVER.getCount() > 0) {
                            try {
                                NEVER.await(); // swallows the host's interrupt and keeps hanging
                            } catch (InterruptedException ignored) {
                                // a badly written plugin
                            }
                        }
                    }
                    case "blank" -> turn.reply("  ");
                    case "huge" -> turn.reply("x".repeat(Turn.MAX_TEXT + 1));
                    case "slot" -> turn.setSlot("_plugin.ask", "evil|intent:membership").reply("ok");
                    case "many" -> {
                        for (int i = 0; i < 6; i++) {
                            turn.reply("r" + i);
                        }
                    }
                    case "null" -> turn.reply(null);
                    default -> turn.reply("# fine");
                }
            });
        }
    }

    private PluginTestKit kit(int breaker) throws Exception {
        Map<String, String> intents = new java.util.HashMap<>();
        for (String t : new String[] {"throw", "hang", "hang-hard", "blank", "huge", "slot", "many", "null", "ok"}) {
            intents.put(t, "membership");
        }
        return PluginTestKit.builder().redis(redis.client()).plugin(BrokenPlugin::new).intents(intents)
                .store("shop", Map.of()).budget(Duration.ofMillis(300)).breakerFailures(breaker).build();
    }

    /** One of the default "did not understand" replies. */
    static boolean isFallback(String text) {
        var templates = io.kefu.handlers.bot.ReplyTemplates.defaults();
        for (String lang : new String[] {"zh", "en"}) {
            for (int seq = 0; seq < 20; seq++) {
                if (templates.pick("_fallback", lang, seq).equals(text)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void throwingHangingAndGarbageAnswersGiveTheFallback() throws Exception {
        try (PluginTestKit kit = kit(100)) {
            for (String t : new String[] {"throw", "hang", "hang-hard", "blank", "huge", "slot", "many", "null"}) {
                PluginTestKit.Said s = kit.say("shop", "b-" + t, t);
                assertEquals(1, s.texts().size(), t + " → " + s.texts());
                assertTrue(isFallback(s.text()), t + " → " + s.text());
                assertFalse(kit.slots("shop", "b-" + t).containsKey("_plugin.ask"), t);
            }
            assertEquals(1, kit.metrics().counter("kefu_plugin_failures_total", "", "plugin", "kind").value("broken", "error"), "throw");
            PluginStatus st = kit.host().status("broken").orElseThrow();
            assertEquals(1L, st.failures().get("error"), st.toString());   // throw
            assertEquals(2L, st.failures().get("timeout"), st.toString()); // hang, hang-hard
            assertEquals(5L, st.failures().get("garbage"), st.toString()); // blank, huge, slot, many, null
            // Still active (threshold 100) and a good call still works.
            assertEquals("# fine", kit.say("shop", "b-ok", "ok").text());
            NEVER.countDown();
        }
    }

    @Test
    void breakerSwitchesTheFailingPluginOffWithAnAlertAndEnableResetsIt() throws Exception {
        try (PluginTestKit kit = kit(3)) {
            for (int i = 0; i < 3; i++) {
                assertTrue(isFallback(kit.say("shop", "b" + i, "throw").text()));
            }
            PluginStatus st = kit.host().status("broken").orElseThrow();
            assertEquals(PluginStatus.SWITCHED_OFF, st.state());
            assertEquals(1, kit.metrics().counter("kefu_plugin_breaker_trips_total", "", "plugin").value("broken"));
            int before = BrokenPlugin.calls.get();
            // Switched off: the bot answers by itself and the plugin is not called at all.
            String builtIn = kit.say("shop", "b9", "ok").text();
            assertFalse(builtIn.contains("#"), builtIn);
            assertEquals(before, BrokenPlugin.calls.get());
            kit.host().enable("shop", "broken");
            assertEquals(PluginStatus.ACTIVE, kit.host().status("broken").orElseThrow().state());
            assertEquals("# fine", kit.say("shop", "b10", "ok").text());
        }
    }
}

package io.kefu.handlers.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kefu.handlers.plugin.testkit.PluginTestKit;
import io.kefu.handlers.testing.RedisExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An in-process plugin through the real pipeline: intents, per-store config and enablement, slots, questions, storage isolation. */
class PluginHostTest {
    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    /** Counts calls per store in its storage and remembers the last store it saw. */
    static final class LoyaltyPlugin implements KefuPlugin {
        @Override
        public String id() {
            return "loyalty";
        }

        @Override
        public String version() {
            return "1.0";
        }

        @Override
        public void start(PluginContext ctx) {
            ctx.onIntent("membership", turn -> {
                long n = turn.storage().increment("asked", 1);
                turn.reply(turn.config().get("greeting", "hi") + " #" + n);
            });
            ctx.flow("size", "size_recommendation", turn -> {
                if (!turn.answeringAsk()) {
                    turn.ask("身高多少？", "160", "170");
                } else {
                    turn.setSlot("height", turn.text());
                    turn.reply("建议 " + (turn.text().compareTo("165") > 0 ? "L" : "M") + " 码");
                }
            });
            ctx.onIntent("human_agent", turn -> turn.reply("plugin must not swallow this"));
            ctx.adminCommand("count", (store, args) -> store.storage().get("asked").orElse("0"));
        }
    }

    private PluginTestKit kit() throws Exception {
        return PluginTestKit.builder()
                .redis(redis.client())
                .plugin(LoyaltyPlugin::new)
                .intents(Map.of("会员", "membership", "尺码", "size_recommendation", "转人工", "human_agent",
                        "在吗", "greeting"))
                .store("shop-a", Map.of("greeting", "欢迎A"))
                .store("shop-b", Map.of("greeting", "欢迎B"))
                .storeWithoutPlugins("shop-c")
                .build();
    }

    @Test
    void answersItsIntentWithEachStoresConfigAndKeepsStoresApart() throws Exception {
        try (PluginTestKit kit = kit()) {
            assertEquals(List.of("欢迎A #1"), kit.say("shop-a", "u1", "会员").texts());
            assertEquals(List.of("欢迎A #2"), kit.say("shop-a", "u2", "会员").texts());
            // Same plugin, other store: its own config and its own storage (counter starts again).
            assertEquals(List.of("欢迎B #1"), kit.say("shop-b", "u1", "会员").texts());
            assertEquals("2", kit.host().command("loyalty", "count", "shop-a", Map.of()));
            assertEquals("1", kit.host().command("loyalty", "count", "shop-b", Map.of()));
            // A store that did not enable it gets the built-in answer and the plugin never sees it.
            PluginTestKit.Said c = kit.say("shop-c", "u1", "会员");
            assertFalse(c.text().contains("#"), c.text());
            assertThrows(IllegalArgumentException.class, () -> kit.host().command("loyalty", "count", "shop-c", Map.of()));
            // Messages the plugin does not handle go through the bot as before.
            assertFalse(kit.say("shop-a", "u3", "在吗").text().contains("#"));
        }
    }

    @Test
    void askRoutesTheAnswerBackAndSetsSlots() throws Exception {
        try (PluginTestKit kit = kit()) {
            assertEquals(List.of("身高多少？"), kit.say("shop-a", "u1", "尺码").texts());
            // "172" means nothing to the classifier (a fallback) but it answers the plugin's question.
            assertEquals(List.of("建议 L 码"), kit.say("shop-a", "u1", "172").texts());
            assertEquals("172", kit.slots("shop-a", "u1").get("height"));
            assertFalse(kit.slots("shop-a", "u1").containsKey("_plugin.ask"));
        }
    }

    @Test
    void escalationRulesStillWin() throws Exception {
        try (PluginTestKit kit = kit()) {
            PluginTestKit.Said s = kit.say("shop-a", "u1", "转人工");
            assertTrue(s.handedOff());
            assertFalse(s.text().contains("plugin"));
        }
    }

    @Test
    void runtimeEnableDisableAndConfigure() throws Exception {
        try (PluginTestKit kit = kit()) {
            kit.host().disable("shop-a", "loyalty");
            assertFalse(kit.say("shop-a", "u1", "会员").text().contains("#"));
            kit.host().enable("shop-c", "loyalty");
            kit.host().configure("shop-c", "loyalty", new PluginConfig(Map.of("greeting", "你好C")));
            assertEquals(List.of("你好C #1"), kit.say("shop-c", "u1", "会员").texts());
            assertEquals(List.of("shop-b", "shop-c"), kit.host().status("loyalty").orElseThrow().enabledStores());
            assertThrows(IllegalArgumentException.class, () -> kit.host().enable("no-such-store", "loyalty"));
            assertThrows(IllegalArgumentException.class, () -> kit.host().enable("shop-a", "no-such-plugin"));
        }
    }
}

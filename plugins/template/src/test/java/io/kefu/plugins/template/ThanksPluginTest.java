package io.kefu.plugins.template;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kefu.handlers.plugin.testkit.PluginTestKit;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The test kit runs the plugin in a real kefu turn pipeline (its own embedded Redis). */
class ThanksPluginTest {
    @Test
    void answersWithTheStoresText() throws Exception {
        try (PluginTestKit kit = PluginTestKit.builder()
                .plugin(ThanksPlugin::new)
                .intents(Map.of("谢谢", "thanks"))
                .store("shop", Map.of("text", "谢谢亲～"))
                .build()) {
            assertEquals("谢谢亲～", kit.say("shop", "buyer-1", "谢谢").text());
        }
    }
}

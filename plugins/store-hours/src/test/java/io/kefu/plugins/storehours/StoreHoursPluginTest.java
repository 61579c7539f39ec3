package io.kefu.plugins.storehours;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.kefu.handlers.plugin.testkit.PluginTestKit;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoreHoursPluginTest {
    @Test
    void answersHoursQuestionsAndLetsEverythingElseThrough() throws Exception {
        try (PluginTestKit kit = PluginTestKit.builder()
                .plugin(StoreHoursPlugin::new)
                .intents(Map.of("在吗", "greeting"))
                .store("always", Map.of("open", "00:00", "close", "23:59:59"))
                .store("never", Map.of("open", "00:00", "close", "00:00"))
                .build()) {
            assertEquals("营业时间 00:00–23:59:59，现在正在营业哦～", kit.say("always", "b", "你们营业时间是几点").text());
            assertEquals("营业时间 00:00–00:00，现在已打烊，明天见～", kit.say("never", "b", "营业时间？").text());
            assertFalse(kit.say("always", "b", "在吗").text().contains("营业时间"));
        }
    }
}

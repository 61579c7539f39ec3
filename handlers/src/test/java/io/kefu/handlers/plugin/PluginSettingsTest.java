package io.kefu.handlers.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.kefu.handlers.config.ConfigException;
import io.kefu.handlers.plugin.host.PluginSettings;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The plugins section: defaults, and every bad value named by its key. */
class PluginSettingsTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static PluginSettings read(String yaml) throws Exception {
        JsonNode n = YAML.readTree(yaml);
        return PluginSettings.read(Optional.of(n), Set.of("demo-store"));
    }

    @Test
    void readsAFullSection() throws Exception {
        PluginSettings s = read("""
                dir: /opt/kefu/plugins
                budget_ms: 500
                remote:
                  - {id: faq, url: "http://127.0.0.1:9/x", secret: "0123456789abcdef", intents: [shipping_time]}
                stores:
                  demo-store:
                    coupon: {enabled: true, config: {code: SAVE10, percent: 10}}
                """);
        assertEquals(500, s.budget().toMillis());
        assertEquals("10", s.stores().get("demo-store").get("coupon").config().get("percent", ""));
        assertEquals(1500, s.remote().get(0).deadline().toMillis());
        assertEquals(PluginSettings.defaults(), PluginSettings.read(Optional.empty(), Set.of()));
    }

    @Test
    void badValuesNameTheirKey() {
        assertKey("stores: {demo-store: {coupon: {enabled: yes-please}}}", "plugins.stores.demo-store.coupon.enabled");
        assertKey("stores: {other-store: {coupon: {enabled: true}}}", "plugins.stores.other-store");
        assertKey("stores: {demo-store: {coupon: {enabled: true, config: {a: [1]}}}}", "plugins.stores.demo-store.coupon.config.a");
        assertKey("budget_ms: 0", "plugins.budget_ms");
        assertKey("dirr: x", "plugins.dirr");
        assertKey("remote: [{id: faq, url: 'ftp://x', secret: '0123456789abcdef', intents: [a]}]", "plugins.remote[0].url");
        assertKey("remote: [{id: faq, url: 'http://x', secret: 'short', intents: [a]}]", "plugins.remote[0].secret");
        assertKey("remote: [{id: faq, url: 'http://x', secret: '0123456789abcdef'}]", "plugins.remote[0].intents");
    }

    private static void assertKey(String yaml, String key) {
        ConfigException e = assertThrows(ConfigException.class, () -> read(yaml));
        assertEquals(key, e.key(), e.getMessage());
        assertTrue(e.getMessage().contains(key));
    }
}

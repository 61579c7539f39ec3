package io.kefu.sandbox.testing;

import io.kefu.handlers.config.ConfigLoader;
import io.kefu.handlers.config.KefuConfig;
import io.kefu.sandbox.erp.ErpSimulator;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

/**
 * The config of a node with one store ({@code demo-store}) on the open channel ({@code demo}, token
 * {@code demo-token}), its demo knowledge base, and the ERP simulator {@code erp} signed with the given app key.
 */
public final class ErpDemoStore {
    private ErpDemoStore() {
    }

    public static KefuConfig config(ErpSimulator erp, String appKey, String appSecret) throws Exception {
        String yaml = """
                stores:
                  - {id: demo-store, name: Demo, language: zh, channels: [{id: demo, platform: open, token: demo-token}]}
                erp: {base_url: "%s", app_key: %s, app_secret: %s}
                knowledge: {stores: {demo-store: {demo: true}}}
                """.formatted(erp.baseUrl(), appKey, appSecret);
        return ConfigLoader.parse("erp-demo-store.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }
}

package io.kefu.sandbox.erp;

import com.fasterxml.jackson.databind.JsonNode;
import io.kefu.gateway.dialogue.ErpEndpoints;
import io.kefu.gateway.extension.NodeContext;
import io.kefu.gateway.extension.NodeExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * For a node whose config says {@code erp.simulator: true} (the demo store): starts an ERP simulator
 * on a free local port with the configured app key and secret, and points the dialogue's ERP client
 * at it. Real deployments never set the flag and this does nothing.
 */
public final class DemoErpExtension implements NodeExtension {
    private static final Logger log = LoggerFactory.getLogger(DemoErpExtension.class);
    private volatile ErpSimulator simulator;
    private volatile NodeContext node;

    @Override
    public String name() {
        return "demo-erp";
    }

    @Override
    public void start(NodeContext ctx) throws Exception {
        JsonNode erp = ctx.config().section("erp").orElse(null);
        if (erp == null || !erp.path("simulator").asBoolean(false)) {
            return;
        }
        simulator = ErpSimulator.start(0, erp.path("app_key").asText(), erp.path("app_secret").asText());
        node = ctx;
        ErpEndpoints.provide(ctx, simulator.baseUrl());
        log.info("demo ERP simulator on {}", simulator.baseUrl());
    }

    @Override
    public void close() {
        if (simulator != null) {
            simulator.close();
            ErpEndpoints.withdraw(node);
        }
    }
}

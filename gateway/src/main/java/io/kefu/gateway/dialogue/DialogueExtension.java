package io.kefu.gateway.dialogue;

import io.kefu.gateway.extension.NodeContext;
import io.kefu.gateway.extension.NodeExtension;
import io.kefu.handlers.config.ConfigException;
import io.kefu.handlers.dialogue.Answerer;
import io.kefu.handlers.dialogue.FlowException;
import io.kefu.handlers.erp.ErpClient;
import io.kefu.handlers.erp.ErpSettings;
import io.kefu.handlers.skills.Catalogue;
import io.kefu.handlers.skills.Skills;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the dialogue into a node: reads {@code erp} and {@code knowledge}, builds the ERP client, the
 * stores' catalogues and flows (a store directory's {@code flows.yaml}), and registers the dialogue
 * middleware on the bot. Does nothing when neither section is configured.
 */
public final class DialogueExtension implements NodeExtension {
    private static final Logger log = LoggerFactory.getLogger(DialogueExtension.class);

    private volatile KnowledgeSetup knowledge;

    @Override
    public String name() {
        return "dialogue";
    }

    @Override
    public void start(NodeContext ctx) throws Exception {
        var found = DialogueSettings.from(ctx.config());
        if (found.isEmpty()) {
            return;
        }
        DialogueSettings s = found.get();
        ErpSettings erpSettings = s.erp().orElse(ErpSettings.of(URI.create("http://127.0.0.1:1"), "none", "no-erp-configured-here"));
        ErpClient erp = s.simulator()
                ? new ErpClient(erpSettings, ctx.clock(), () -> ErpEndpoints.of(ctx).orElseThrow(() -> new IllegalStateException(
                        "erp.simulator is on but no ERP simulator runs in this node (the sandbox module is not on the classpath)")))
                : new ErpClient(erpSettings, ctx.clock());
        Map<String, Catalogue> catalogues = new HashMap<>();
        Map<String, Path> flows = new HashMap<>();
        for (var e : s.stores().entrySet()) {
            Path dir = e.getValue();
            try {
                catalogues.put(e.getKey(), dir == null ? Catalogue.demo() : Catalogue.from(dir));
            } catch (IOException ex) {
                throw new ConfigException("config", "knowledge.stores." + e.getKey() + ".dir", "cannot read the catalogue: " + ex.getMessage());
            }
            if (dir != null && Files.exists(dir.resolve("flows.yaml"))) {
                flows.put(e.getKey(), dir.resolve("flows.yaml"));
            }
        }
        Catalogue empty = new Catalogue(java.util.List.of(), java.util.List.of());
        knowledge = KnowledgeSetup.start(ctx, s);
        Answerer answerer = knowledge == null ? Answerer.NONE : knowledge.answerer();
        Skills skills = new Skills(ctx.redis(), ctx.clock(), ctx.app().escalation(), erp,
                store -> catalogues.getOrDefault(store, empty), ctx.dispatcher()::submit, s.sessionTimeout(), answerer, flows);
        try {
            ctx.app().use(skills.middleware());
        } catch (FlowException e) {
            throw new ConfigException("config", "knowledge.stores", "bad flows file: " + e.getMessage());
        }
        log.info("dialogue: skills on for {} store(s), ERP {}", s.stores().size(),
                s.simulator() ? "simulator" : s.erp().map(x -> x.baseUrl().toString()).orElse("not configured"));
    }

    @Override
    public void close() {
        KnowledgeSetup k = knowledge;
        if (k != null) {
            k.close();
        }
    }
}

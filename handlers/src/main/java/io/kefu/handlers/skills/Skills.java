package io.kefu.handlers.skills;

import io.kefu.handlers.bot.EscalationPolicy;
import io.kefu.handlers.dialogue.Answerer;
import io.kefu.handlers.dialogue.DialogueMiddleware;
import io.kefu.handlers.dialogue.FlowAction;
import io.kefu.handlers.dialogue.FlowEngine;
import io.kefu.handlers.dialogue.FlowLibrary;
import io.kefu.handlers.erp.ErpClient;
import io.kefu.handlers.erp.LateAnswers;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import redis.clients.jedis.UnifiedJedis;

/**
 * Assembles the dialogue: the built-in skills (flows in {@code skills.yaml}), their ERP and
 * catalogue actions, each store's own flows file, and the middleware that runs them in a turn.
 *
 * @param wake                called with a conversation id when a late ERP answer was queued for it
 *                            (the node's dispatcher submits it)
 * @param storeFlows          store id → its flows file (optional per store)
 */
public record Skills(UnifiedJedis redis, Clock clock, EscalationPolicy escalation, ErpClient erp,
                     Function<String, Catalogue> catalogues, Consumer<String> wake, Duration sessionTimeout,
                     Answerer answerer, Map<String, Path> storeFlows) {
    public static final String BUILTIN = "/io/kefu/handlers/skills/skills.yaml";
    public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofMinutes(30);

    public Map<String, FlowAction> actions() {
        Map<String, FlowAction> all = new LinkedHashMap<>(new ErpActions(erp, clock).all());
        all.putAll(new CatalogueActions(catalogues).all());
        return all;
    }

    public FlowLibrary library() {
        Map<String, FlowAction> actions = actions();
        FlowLibrary lib = new FlowLibrary(FlowLibrary.resource(BUILTIN, actions.keySet()), actions.keySet(), clock);
        storeFlows.forEach(lib::storeFile);
        return lib;
    }

    /** The middleware to {@code app.use(...)}. @throws io.kefu.handlers.dialogue.FlowException for a bad store file */
    public DialogueMiddleware middleware() {
        FlowEngine engine = new FlowEngine(actions(), erp.settings().budget(), new LateAnswers(redis, clock), wake, escalation);
        return new DialogueMiddleware(library(), engine, new LateAnswers(redis, clock), escalation, sessionTimeout, answerer);
    }
}

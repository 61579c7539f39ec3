package io.kefu.handlers.bot;

import io.kefu.handlers.store.ConcurrentTurnException;
import io.kefu.handlers.store.RedisConversationStore;
import io.kefu.nlp.IntentClassifier;
import io.kefu.nlp.Prediction;
import io.kefu.proto.v1.InboundMessage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot, free of any transport: {@code run(InboundMessage) → TurnResult}. A turn flows through
 * load state → (commit) → classify → agent ownership → the app's own middleware → decide, where
 * decide applies the escalation policy and calls the handler registered for the intent.
 *
 * <pre>{@code
 * app.intent("logistics_tracking", ctx -> ctx.reply("…"))
 *    .use((ctx, next) -> { …; next.run(); })
 *    .onError((ctx, e) -> ctx.replyTemplate("_busy"));
 * }</pre>
 */
public final class BotApp {
    private static final Logger log = LoggerFactory.getLogger(BotApp.class);
    private static final int MAX_ATTEMPTS = 5;

    private final RedisConversationStore store;
    private final Supplier<IntentClassifier> model;
    private final ReplyTemplates templates;
    private final EscalationPolicy escalation;
    private final Clock clock;
    private final Map<String, IntentHandler> intents = new ConcurrentHashMap<>();
    private final List<Middleware> custom = new CopyOnWriteArrayList<>();
    private volatile IntentHandler fallback = ctx -> ctx.replyTemplate("_fallback");
    private volatile ErrorHandler errorHandler = (ctx, e) -> ctx.replyTemplate("_busy");

    public BotApp(RedisConversationStore store, Supplier<IntentClassifier> model, ReplyTemplates templates,
                  EscalationPolicy escalation, Clock clock) {
        this.store = store;
        this.model = model;
        this.templates = templates;
        this.escalation = escalation;
        this.clock = clock;
    }

    /** Registers the handler of an intent; replacing an existing one is allowed but logged. */
    public BotApp intent(String intent, IntentHandler handler) {
        IntentHandler previous = intents.put(intent, handler);
        if (previous != null) {
            log.warn("handler for intent '{}' replaced", intent);
        }
        return this;
    }

    /** Adds middleware that runs after classification and before the decision, in registration order. */
    public BotApp use(Middleware middleware) {
        custom.add(middleware);
        return this;
    }

    /** What the bot says when it does not understand (and does not escalate yet). */
    public BotApp onFallback(IntentHandler handler) {
        this.fallback = handler;
        return this;
    }

    public BotApp onError(ErrorHandler handler) {
        this.errorHandler = handler;
        return this;
    }

    /**
     * Runs and commits one turn for a message that is at the head of its conversation's inbox.
     * Retries when another worker won a race on the same conversation.
     *
     * @throws ConcurrentTurnException when the message was consumed by someone else (nothing to do)
     */
    public TurnResult run(InboundMessage message) throws Exception {
        ConcurrentTurnException last = null;
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            TurnContext ctx = new TurnContext(message, clock, templates);
            try {
                runChain(ctx);
                return new TurnResult(message, ctx.replies(), ctx.ticket(), ctx.prediction(), ctx.routedToAgent(),
                        ctx.isFailed(), ctx.modelId());
            } catch (ConcurrentTurnException e) {
                last = e;
                if (e.getMessage().contains("already consumed")) {
                    throw e;
                }
            }
        }
        throw last;
    }

    private void runChain(TurnContext ctx) throws Exception {
        List<Middleware> chain = new ArrayList<>();
        chain.add(new LoadStateMiddleware(store));
        chain.add(new CommitTurnMiddleware(store, () -> errorHandler));
        chain.add(new ClassifyMiddleware(model));
        chain.add(new AgentOwnershipMiddleware());
        chain.addAll(custom);
        chain.add((c, next) -> decide(c));
        step(chain, 0, ctx);
    }

    private static void step(List<Middleware> chain, int i, TurnContext ctx) throws Exception {
        if (i < chain.size()) {
            chain.get(i).handle(ctx, () -> step(chain, i + 1, ctx));
        }
    }

    private void decide(TurnContext ctx) throws Exception {
        Prediction p = ctx.prediction();
        int fallbacks = p.fallback() ? ctx.state().getConsecutiveFallbacks() + 1 : 0;
        ctx.state().setConsecutiveFallbacks(fallbacks);
        var reason = escalation.reason(p, fallbacks);
        if (reason.isPresent()) {
            ctx.handoff(reason.get(), escalation.priority(reason.get()));
            return;
        }
        if (p.fallback()) {
            fallback.handle(ctx);
            return;
        }
        IntentHandler handler = intents.get(p.intent());
        if (handler != null) {
            handler.handle(ctx);
        } else {
            ctx.replyTemplate(p.intent());
        }
    }
}

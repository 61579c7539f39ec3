package io.kefu.handlers.bot;

import io.kefu.handlers.handoff.AgentCommandTurn;
import io.kefu.handlers.handoff.AgentCommands;
import io.kefu.handlers.handoff.DeskMessages;
import io.kefu.handlers.handoff.Escalation;
import io.kefu.handlers.handoff.HandoffRules;
import io.kefu.handlers.store.ConcurrentTurnException;
import io.kefu.handlers.store.RedisConversationStore;
import io.kefu.nlp.IntentClassifier;
import io.kefu.nlp.Prediction;
import io.kefu.proto.v1.InboundMessage;
import io.kefu.proto.v1.OutboundMessage;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot, free of any transport: {@code run(InboundMessage) → TurnResult}. A turn flows through
 * load state → agent command? → (commit) → classify → agent ownership → the app's own middleware →
 * decide, where decide applies the escalation policy and calls the handler registered for the
 * intent. An agent's action (take over, reply, hand back…) arrives through the same inbox and is
 * applied by {@link AgentCommandTurn} instead of the bot.
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
    private final AgentCommandTurn agentCommands;
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
        this.agentCommands = new AgentCommandTurn(store, new AgentCommands(store.redis(), clock), clock);
    }

    /** The escalation policy, to give stores their own rules. */
    public EscalationPolicy escalation() {
        return escalation;
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
                        ctx.isFailed(), ctx.modelId(), ctx.wasNotUnderstood());
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
        chain.add(agentCommands);
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
        var state = ctx.state();
        if (p.fallback()) {
            ctx.notUnderstood();
        }
        state.setConsecutiveFallbacks(p.fallback() ? state.getConsecutiveFallbacks() + 1 : 0);
        if (p.fallback()) {
            state.setTotalFallbacks(state.getTotalFallbacks() + 1);
        }
        Optional<Escalation> escalate = escalation.check(ctx.inbound(), p, state);
        if (escalate.isPresent()) {
            handoff(ctx, escalate.get());
            return;
        }
        if (p.fallback()) {
            fallback.handle(ctx);
        } else {
            IntentHandler handler = intents.get(p.intent());
            if (handler != null) {
                handler.handle(ctx);
            } else {
                ctx.replyTemplate(p.intent());
            }
        }
        HandoffRules rules = escalation.rules(ctx.inbound().getStoreId());
        if (ctx.erpFailedThisTurn() && rules.enabled(HandoffRules.ERP_FAILURE) && !ctx.hasOpenTicket()) {
            // The skill's answer rests on data we could not fetch: a person answers instead.
            ctx.clearReplies();
            handoff(ctx, rules.escalation(HandoffRules.ERP_FAILURE));
        }
    }

    /** Opens the ticket (with its SLA target) and, outside business hours, says when people are back. */
    private void handoff(TurnContext ctx, Escalation e) {
        if (ctx.hasOpenTicket()) {
            ctx.handoff(e);
            return;
        }
        HandoffRules rules = escalation.rules(ctx.inbound().getStoreId());
        ctx.handoff(e);
        ctx.ticket().ifPresent(t -> ctx.ticket(t.toBuilder()
                .setSlaDueAt(t.getCreatedAt() + rules.firstResponseSla().toMillis()).build()));
        Instant now = clock.instant();
        if (!rules.hours().isOpen(now)) {
            ctx.clearReplies();
            ctx.reply(OutboundMessage.Sender.BOT, DeskMessages.closed(ctx.language(), rules.hours().nextOpening(now)), List.of());
        }
    }
}

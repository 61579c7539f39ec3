package io.kefu.handlers.dialogue;

import io.kefu.handlers.bot.EscalationPolicy;
import io.kefu.handlers.bot.Middleware;
import io.kefu.handlers.bot.TurnContext;
import io.kefu.handlers.erp.LateAnswers;
import io.kefu.handlers.handoff.Escalation;
import io.kefu.handlers.handoff.HandoffRules;
import io.kefu.nlp.Prediction;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The dialogue's place in a turn (after classification, before the bot's decision). It finishes
 * late ERP answers, keeps an active flow going (a slot value, a yes/no, an order choice), lets the
 * buyer interrupt with another question and then comes back to where the flow stood, starts the
 * flow an intent triggers, and answers from the knowledge base; anything else goes on to the
 * decision (escalation policy, intent handlers, templates).
 *
 * <p>Explicit requests for a person, angry wording, complaints and VIP / high-value triggers still
 * go to the escalation policy first, so a flow never stands between a buyer and a human. After-sales
 * and attachment triggers do not pre-empt a flow: collecting the case and the photos is the flow's job,
 * and it hands off itself.
 */
public final class DialogueMiddleware implements Middleware {
    private static final Set<String> PRE_EMPT = Set.of(HandoffRules.EXPLICIT_REQUEST, HandoffRules.ANGRY_WORDING,
            HandoffRules.COMPLAINT, HandoffRules.VIP, HandoffRules.HIGH_VALUE_ORDER);
    /** Intents that never interrupt a flow: they are answers or noise, not a new question. */
    private static final Set<String> NOT_A_QUESTION = Set.of("affirm", "deny", "out_of_scope");
    private static final Pattern CANCEL = Pattern.compile(
            "^(算了|不用了|不要了|取消吧?|先不了|不改了|不退了|cancel( it)?|never ?mind|forget it|stop)[!！。.~～ ]*$");

    /** Model confidence from which a message is a new question even where any text would do as an answer. */
    static final double OPEN_ANSWER_YIELDS_AT = 0.5;

    private final FlowLibrary flows;
    private final FlowEngine engine;
    private final LateAnswers late;
    private final EscalationPolicy escalation;
    private final Duration sessionTimeout;
    private final Answerer answerer;

    public DialogueMiddleware(FlowLibrary flows, FlowEngine engine, LateAnswers late, EscalationPolicy escalation,
                              Duration sessionTimeout, Answerer answerer) {
        this.flows = flows;
        this.engine = engine;
        this.late = late;
        this.escalation = escalation;
        this.sessionTimeout = sessionTimeout;
        this.answerer = answerer;
        engine.flows(flows::byName);
    }

    @Override
    public void handle(TurnContext ctx, Next next) throws Exception {
        String store = ctx.inbound().getStoreId();
        FlowState fs = new FlowState(ctx.state());
        Replies out = new Replies();
        if (LateAnswers.isMarker(ctx.inbound())) {
            Optional<String> payload = late.of(ctx.inbound());
            if (payload.isPresent() && fs.active()) {
                flows.byName(store, fs.flow()).ifPresent(f ->
                        engine.lateAnswer(f, ctx, ctx.inbound().getPlatformMsgId(), payload.get(), out));
                out.flush(ctx);
            }
            return; // a marker never reaches the decision: it is not something the buyer said
        }
        expireIdleFlow(ctx, fs);
        Prediction p = ctx.prediction();
        boolean understood = p != null && !p.fallback();
        Optional<Escalation> e = escalation.check(ctx.inbound(), p, ctx.state());
        if (e.isPresent() && PRE_EMPT.contains(e.get().reason())) {
            next.run();
            return;
        }
        if (fs.active()) {
            Optional<Flow> flow = flows.byName(store, fs.flow());
            if (flow.isEmpty()) {
                fs.clear();
            } else {
                inFlow(flow.get(), ctx, p, understood, out, next);
                out.flush(ctx);
                return;
            }
        }
        if (understood) {
            Optional<Flow> trigger = flows.byTrigger(store, p.intent());
            if (trigger.isPresent()) {
                handled(ctx);
                engine.start(trigger.get(), ctx, out);
                out.flush(ctx);
                return;
            }
        }
        Optional<String> known = answerer.answer(store, ctx.text(), ctx.language(), p);
        if (known.isPresent()) {
            handled(ctx);
            ctx.reply(known.get());
            return;
        }
        next.run();
    }

    private void inFlow(Flow flow, TurnContext ctx, Prediction p, boolean understood, Replies out, Next next) throws Exception {
        FlowState fs = new FlowState(ctx.state());
        String text = ctx.text().trim().toLowerCase(Locale.ROOT);
        // While a step takes any text (an address, a description) the buyer's words are the answer:
        // only an explicit "cancel" leaves, never a model's guess that "22 Baker Street" says goodbye.
        boolean goodbye = understood && hasWords(text) && p.intent().equals("goodbye") && !engine.takesAnyText(flow, ctx);
        if (CANCEL.matcher(text).matches() || goodbye) {
            fs.clear();
            fs.meta(FlowState.SUSPENDED, "");
            handled(ctx);
            if (goodbye) {
                next.run();
            } else {
                out.say(Texts.CANCELLED.in(ctx.language()));
            }
            return;
        }
        boolean question = understood && p.confidence() >= OPEN_ANSWER_YIELDS_AT && !NOT_A_QUESTION.contains(p.intent())
                && !flow.triggers().contains(p.intent());
        // A step that takes any text (an address, a description) would swallow a real question.
        if (!(question && engine.takesAnyText(flow, ctx)) && engine.answer(flow, ctx, out)) {
            handled(ctx);
            return;
        }
        if (!hasWords(text)) {
            // "123", "？": an attempt at an answer, whatever a model trained on sentences makes of it
            handled(ctx);
            engine.retry(flow, ctx, out);
            return;
        }
        boolean pending = !fs.meta(FlowState.PENDING).isEmpty();
        if (understood && !NOT_A_QUESTION.contains(p.intent()) && !flow.triggers().contains(p.intent())) {
            Optional<Flow> other = flows.byTrigger(ctx.inbound().getStoreId(), p.intent());
            if (other.isPresent() && !pending) {
                handled(ctx);
                engine.suspend(ctx);
                engine.start(other.get(), ctx, out);
                return;
            }
            // Another question: let the bot answer it, then come back to where the flow stood.
            Optional<String> known = answerer.answer(ctx.inbound().getStoreId(), ctx.text(), ctx.language(), p);
            if (known.isPresent()) {
                handled(ctx);
                out.say(known.get());
            } else {
                next.run();
            }
            if (!ctx.hasOpenTicket() && fs.active()) {
                engine.prompt(flow, ctx, out, true);
            }
            return;
        }
        if (pending || (understood && flow.triggers().contains(p.intent()))) {
            handled(ctx);
            engine.prompt(flow, ctx, out, false);
            return;
        }
        handled(ctx);
        engine.retry(flow, ctx, out);
    }

    private static boolean hasWords(String text) {
        return text.codePoints().anyMatch(Character::isLetter);
    }

    /** The dialogue understood this message, whatever the model thought: not a fallback in a row. */
    private static void handled(TurnContext ctx) {
        ctx.state().setConsecutiveFallbacks(0);
    }

    private void expireIdleFlow(TurnContext ctx, FlowState fs) {
        long updated = ctx.state().getUpdatedAt();
        if ((fs.active() || !fs.meta(FlowState.SUSPENDED).isEmpty()) && updated > 0
                && ctx.now() - updated > sessionTimeout.toMillis()) {
            fs.clear();
            fs.meta(FlowState.SUSPENDED, "");
        }
    }
}

package io.kefu.handlers.dialogue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kefu.handlers.bot.EscalationPolicy;
import io.kefu.handlers.bot.TurnContext;
import io.kefu.handlers.erp.ErpException;
import io.kefu.handlers.erp.LateAnswers;
import io.kefu.handlers.handoff.Escalation;
import io.kefu.handlers.handoff.HandoffRules;
import io.kefu.nlp.entity.Entity;
import io.kefu.nlp.entity.EntityExtractor;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Walks flows: enters steps, fills slots from the buyer's words, runs actions under the ERP time
 * budget and finishes them when a late answer arrives, confirms, branches, hands off. All it
 * remembers between turns is in the conversation state ({@link FlowState}); all it says in a turn
 * goes out as one reply ({@link Replies}).
 */
public final class FlowEngine {
    private static final Logger log = LoggerFactory.getLogger(FlowEngine.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The action that lists a buyer's orders for {@code from_orders}; provided by the skills. */
    public static final String ORDERS_ACTION = "_orders";
    static final String ERP_ERROR = "erp_error";

    private final Map<String, FlowAction> actions;
    private final Duration budget;
    private final LateAnswers late;
    private final Consumer<String> wake;
    private final EscalationPolicy escalation;

    public FlowEngine(Map<String, FlowAction> actions, Duration budget, LateAnswers late, Consumer<String> wake,
                      EscalationPolicy escalation) {
        this.actions = Map.copyOf(actions);
        this.budget = budget;
        this.late = late;
        this.wake = wake;
        this.escalation = escalation;
    }

    public java.util.Set<String> actionNames() {
        return actions.keySet();
    }

    /** Starts {@code flow} on this turn's message (which may already carry slot values). */
    void start(Flow flow, TurnContext ctx, Replies out) {
        FlowState fs = new FlowState(ctx.state());
        fs.clear();
        fs.at(flow.name(), flow.first().id());
        run(flow, flow.first(), ctx, out);
    }

    /**
     * Offers the buyer's message to the current step.
     *
     * @return false when the message does not answer it (an interruption or something not understood)
     */
    boolean answer(Flow flow, TurnContext ctx, Replies out) {
        FlowState fs = new FlowState(ctx.state());
        Step step = flow.step(fs.step()).orElse(null);
        if (step == null) {
            fs.clear();
            return false;
        }
        if (!fs.meta(FlowState.PENDING).isEmpty()) {
            return false; // still waiting for the ERP; the caller decides what to say
        }
        if (step instanceof Step.Ask ask) {
            if (!fill(ask, ctx, fs, false)) {
                return false;
            }
            fs.meta(FlowState.CANDIDATES, "");
            next(flow, ask, ctx, out);
            return true;
        }
        if (step instanceof Step.Confirm c) {
            Boolean yes = YesNo.of(ctx.text(), ctx.prediction());
            if (yes == null) {
                return false;
            }
            if (yes) {
                next(flow, c, ctx, out);
            } else {
                go(flow, c.onNo(), ctx, out);
            }
            return true;
        }
        return false;
    }

    /** Whether the current step accepts (almost) any text: free text or a pattern, no entity or choices. */
    boolean takesAnyText(Flow flow, TurnContext ctx) {
        Step step = flow.step(new FlowState(ctx.state()).step()).orElse(null);
        return step instanceof Step.Ask a && a.entity() == null && a.choices().isEmpty();
    }

    /** The step's question again (after an interruption, or when the buyer repeats the request). */
    void prompt(Flow flow, TurnContext ctx, Replies out, boolean resumed) {
        FlowState fs = new FlowState(ctx.state());
        Step step = flow.step(fs.step()).orElse(null);
        if (step == null) {
            return;
        }
        if (resumed) {
            out.sayAfter(flow.resume() != null ? flow.resume().render(ctx.language(), fs.slots()) : Texts.RESUME.in(ctx.language()));
        }
        if (!fs.meta(FlowState.PENDING).isEmpty()) {
            out.sayAfter(Texts.STILL_CHECKING.in(ctx.language()));
            return;
        }
        if (step instanceof Step.Ask a) {
            out.sayAfter(a.prompt().render(ctx.language(), fs.slots()));
            out.quickReplies(candidates(fs));
        } else if (step instanceof Step.Confirm c) {
            out.sayAfter(c.prompt().render(ctx.language(), fs.slots()));
            out.quickReplies(YesNo.quickReplies(ctx.language()));
        }
    }

    /** The message did not answer the step: ask again, or after too many tries call a person. */
    void retry(Flow flow, TurnContext ctx, Replies out) {
        FlowState fs = new FlowState(ctx.state());
        Step step = flow.step(fs.step()).orElse(null);
        int limit = step instanceof Step.Ask a ? a.retries() : 2;
        int tries = fs.retries() + 1;
        if (tries > limit) {
            fs.clear();
            handoff(ctx, out, escalationFor(ctx, "flow_stuck"), Texts.STUCK.in(ctx.language()));
            return;
        }
        fs.retries(tries);
        if (step instanceof Step.Ask a && a.invalid() != null) {
            out.say(a.invalid().render(ctx.language(), fs.slots()));
            out.quickReplies(candidates(fs));
        } else {
            prompt(flow, ctx, out, false);
        }
    }

    /** Finishes the step that was waiting for the ERP, with the answer that came late. */
    void lateAnswer(Flow flow, TurnContext ctx, String markerId, String payload, Replies out) {
        FlowState fs = new FlowState(ctx.state());
        if (!markerId.equals(fs.meta(FlowState.PENDING))) {
            log.debug("late ERP answer {} no longer awaited in {}", markerId, ctx.inbound().getConversationId());
            return;
        }
        fs.meta(FlowState.PENDING, "");
        Step step = flow.step(fs.step()).orElse(null);
        if (step == null) {
            fs.clear();
            return;
        }
        Outcome o = Outcome.read(payload);
        if (step instanceof Step.Ask ask) {
            afterOrders(flow, ask, o, ctx, out);
        } else if (step instanceof Step.Call call) {
            afterCall(flow, call, o, ctx, out);
        }
    }

    private void run(Flow flow, Step step, TurnContext ctx, Replies out) {
        FlowState fs = new FlowState(ctx.state());
        for (int guard = 0; guard < 100; guard++) {
            fs.at(flow.name(), step.id());
            if (step instanceof Step.Say s) {
                out.say(s.text().render(ctx.language(), fs.slots()));
            } else if (step instanceof Step.Branch b) {
                String target = b.cases().getOrDefault(fs.slots().getOrDefault(b.slot(), ""), b.otherwise());
                if (target != null) {
                    if (Step.END.equals(target)) {
                        end(ctx, out);
                        return;
                    }
                    step = flow.step(target).orElseThrow();
                    continue;
                }
            } else if (step instanceof Step.Handoff h) {
                fs.clear();
                String text = h.text() == null ? null : h.text().render(ctx.language(), fs.slots());
                handoff(ctx, out, escalationFor(ctx, h.reason()), text);
                return;
            } else if (step instanceof Step.Ask a) {
                if (fs.slot(a.slot()).isEmpty() && !fill(a, ctx, fs, true)) {
                    if (!a.fromOrders().isEmpty() && EntityExtractor.ORDER_ID.equals(a.entity())) {
                        Optional<Outcome> o = call(actions.get(ORDERS_ACTION), ctx, fs, a.fromOrders(), step, out);
                        if (o.isEmpty()) {
                            return; // holding reply sent; the late answer continues here
                        }
                        afterOrders(flow, a, o.get(), ctx, out);
                        return;
                    }
                    if (!a.optional()) {
                        out.say(a.prompt().render(ctx.language(), fs.slots()));
                        out.quickReplies(a.choices());
                        return;
                    }
                }
            } else if (step instanceof Step.Confirm c) {
                out.say(c.prompt().render(ctx.language(), fs.slots()));
                out.quickReplies(YesNo.quickReplies(ctx.language()));
                return;
            } else if (step instanceof Step.Call c) {
                Optional<Outcome> o = call(actions.get(c.action()), ctx, fs, java.util.Set.of(), step, out);
                if (o.isEmpty()) {
                    return;
                }
                afterCall(flow, c, o.get(), ctx, out);
                return;
            }
            Optional<Step> following = flow.after(step);
            if (following.isEmpty()) {
                end(ctx, out);
                return;
            }
            step = following.get();
        }
        throw new IllegalStateException("flow " + flow.name() + " loops without asking anything");
    }

    private void next(Flow flow, Step step, TurnContext ctx, Replies out) {
        Optional<Step> following = flow.after(step);
        if (following.isEmpty()) {
            end(ctx, out);
        } else {
            run(flow, following.get(), ctx, out);
        }
    }

    private void go(Flow flow, String target, TurnContext ctx, Replies out) {
        if (Step.END.equals(target)) {
            end(ctx, out);
        } else {
            run(flow, flow.step(target).orElseThrow(), ctx, out);
        }
    }

    private void afterCall(Flow flow, Step.Call c, Outcome o, TurnContext ctx, Replies out) {
        FlowState fs = new FlowState(ctx.state());
        FlowAction action = actions.get(c.action());
        ActionInput in = input(ctx, fs, java.util.Set.of(), c);
        Map<String, String> written = new HashMap<>();
        String outcome = o.interpret(action, in, written);
        fs.putAll(written);
        copyEscalationInputs(ctx, written);
        if (ERP_ERROR.equals(outcome) && !c.on().containsKey(ERP_ERROR)) {
            erpDown(ctx, out, o.message);
            return;
        }
        String target = c.on().get(outcome);
        if (target != null) {
            go(flow, target, ctx, out);
        } else {
            next(flow, c, ctx, out);
        }
    }

    private void afterOrders(Flow flow, Step.Ask a, Outcome o, TurnContext ctx, Replies out) {
        FlowState fs = new FlowState(ctx.state());
        Map<String, String> written = new HashMap<>();
        String outcome = o.interpret(actions.get(ORDERS_ACTION), input(ctx, fs, a.fromOrders(), a), written);
        if (ERP_ERROR.equals(outcome)) {
            // Without the order list the buyer can still type the number: ask for it.
            out.say(a.prompt().render(ctx.language(), fs.slots()));
            return;
        }
        String found = written.remove("order_id");
        String candidates = written.remove("candidates");
        String unknownTracking = written.remove("unknown_tracking");
        fs.putAll(written);
        if (found != null) {
            fs.slot(a.slot(), found);
            next(flow, a, ctx, out);
            return;
        }
        boolean several = candidates != null && !candidates.isEmpty();
        if (unknownTracking != null) {
            out.say(Texts.UNKNOWN_TRACKING.render(ctx.language(), Map.of("tracking_no", unknownTracking)));
        } else if (several) {
            out.say(Texts.WHICH_ORDER.in(ctx.language()));
        } else {
            out.say(a.prompt().render(ctx.language(), fs.slots()));
        }
        if (several) {
            fs.meta(FlowState.CANDIDATES, candidates);
            out.quickReplies(candidates(fs));
        }
    }

    /**
     * Runs an action under the time budget. Empty means the budget ran out: the buyer got a holding
     * reply and the answer will come back through {@link LateAnswers} when the action completes.
     */
    private Optional<Outcome> call(FlowAction action, TurnContext ctx, FlowState fs, java.util.Set<String> states, Step step, Replies out) {
        ActionInput in = input(ctx, fs, states, step);
        CompletableFuture<JsonNode> f;
        try {
            f = action.start(in);
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        try {
            return Optional.of(Outcome.ok(f.get(budget.toMillis(), TimeUnit.MILLISECONDS)));
        } catch (TimeoutException e) {
            String marker = LateAnswers.markerId(ctx.inbound().getPlatformMsgId());
            fs.meta(FlowState.PENDING, marker);
            var original = ctx.inbound();
            f.whenComplete((data, error) -> {
                try {
                    late.persist(original, (error == null ? Outcome.ok(data) : Outcome.failed(error)).write());
                    wake.accept(original.getConversationId());
                } catch (RuntimeException ex) {
                    log.warn("could not deliver the late ERP answer for {}: {}", original.getPlatformMsgId(), ex.toString());
                }
            });
            out.say(Texts.HOLDING.in(ctx.language()));
            return Optional.empty();
        } catch (ExecutionException e) {
            return Optional.of(Outcome.failed(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the ERP", e);
        }
    }

    private static ActionInput input(TurnContext ctx, FlowState fs, java.util.Set<String> states, Step step) {
        var in = ctx.inbound();
        String key = in.getConversationId() + ":" + in.getPlatformMsgId() + ":" + step.id();
        return new ActionInput(in.getStoreId(), in.getBuyerId(), key, ctx.language(), ctx.text(), fs.slots(), states);
    }

    private void end(TurnContext ctx, Replies out) {
        FlowState fs = new FlowState(ctx.state());
        fs.clear();
        String parked = fs.meta(FlowState.SUSPENDED);
        if (!parked.isEmpty()) {
            fs.meta(FlowState.SUSPENDED, "");
            resumeParked(parked, ctx, out);
        }
    }

    /** Set by the middleware: how to find a flow by name when a parked one resumes. */
    private volatile java.util.function.BiFunction<String, String, Optional<Flow>> flows = (store, name) -> Optional.empty();

    void flows(java.util.function.BiFunction<String, String, Optional<Flow>> lookup) {
        this.flows = lookup;
    }

    /** Parks the active flow while another one runs; it resumes when that one ends. */
    void suspend(TurnContext ctx) {
        FlowState fs = new FlowState(ctx.state());
        ObjectNode p = JSON.createObjectNode();
        p.put("flow", fs.flow());
        p.put("step", fs.step());
        ObjectNode slots = p.putObject("slots");
        fs.raw().forEach(slots::put);
        p.put("candidates", fs.meta(FlowState.CANDIDATES));
        fs.meta(FlowState.SUSPENDED, p.toString());
        fs.clear();
    }

    private void resumeParked(String parked, TurnContext ctx, Replies out) {
        try {
            JsonNode p = JSON.readTree(parked);
            Optional<Flow> flow = flows.apply(ctx.inbound().getStoreId(), p.path("flow").asText());
            if (flow.isEmpty() || flow.get().step(p.path("step").asText()).isEmpty()) {
                return;
            }
            FlowState fs = new FlowState(ctx.state());
            fs.at(flow.get().name(), p.path("step").asText());
            Map<String, String> raw = new HashMap<>();
            p.path("slots").fields().forEachRemaining(e -> raw.put(e.getKey(), e.getValue().asText()));
            fs.restore(raw);
            fs.meta(FlowState.CANDIDATES, p.path("candidates").asText(""));
            prompt(flow.get(), ctx, out, true);
        } catch (IOException e) {
            log.warn("dropping an unreadable parked flow: {}", e.toString());
        }
    }

    private boolean fill(Step.Ask a, TurnContext ctx, FlowState fs, boolean entering) {
        String text = ctx.text().trim();
        if (!entering && a.entity() == null && a.pattern() == null && a.choices().isEmpty()) {
            // a free-text answer may be (or include) photos or files: keep their links
            List<String> links = new ArrayList<>();
            ctx.inbound().getAttachmentsList().forEach(at -> links.add(at.getUrl()));
            if (!links.isEmpty()) {
                text = (text.isEmpty() ? "" : text + "\n") + String.join("\n", links);
            }
        }
        if (text.isEmpty()) {
            return false;
        }
        String picked = Candidates.pick(fs.meta(FlowState.CANDIDATES), text);
        if (picked != null && EntityExtractor.ORDER_ID.equals(a.entity())) {
            fs.slot(a.slot(), picked);
            return true;
        }
        if (a.entity() != null) {
            List<Entity> found = EntityExtractor.extract(text, a.entity());
            if (!found.isEmpty()) {
                fs.slot(a.slot(), found.get(0).normalized());
                return true;
            }
            return false;
        }
        if (entering) {
            // Only typed values (an entity, a listed choice) are taken from the message that reached
            // this step; a pattern or free text would swallow the request itself ("I want to change
            // my address" is not an address).
            if (a.choices().isEmpty()) {
                return false;
            }
        } else if (a.pattern() != null) {
            Matcher m = a.pattern().matcher(text);
            if (m.find()) {
                fs.slot(a.slot(), (m.groupCount() >= 1 && m.group(1) != null ? m.group(1) : m.group()).trim());
                return true;
            }
            return false;
        }
        if (!a.choices().isEmpty()) {
            for (String c : a.choices()) {
                if (text.toLowerCase(Locale.ROOT).contains(c.toLowerCase(Locale.ROOT))) {
                    fs.slot(a.slot(), c);
                    return true;
                }
            }
            return false;
        }
        if (!entering) {
            fs.slot(a.slot(), text); // free text (an address, a description): anything the buyer answers
            return true;
        }
        return false;
    }

    static List<String> candidates(FlowState fs) {
        return Candidates.labels(fs.meta(FlowState.CANDIDATES));
    }

    private Escalation escalationFor(TurnContext ctx, String reason) {
        return escalation.rules(ctx.inbound().getStoreId()).escalation(reason);
    }

    /** The ERP could not answer: a person takes over if the store wants that, else we apologise. */
    void erpDown(TurnContext ctx, Replies out, String why) {
        log.info("ERP unavailable for {}: {}", ctx.inbound().getConversationId(), why);
        new FlowState(ctx.state()).clear();
        HandoffRules rules = escalation.rules(ctx.inbound().getStoreId());
        if (rules.enabled(HandoffRules.ERP_FAILURE) && !ctx.hasOpenTicket()) {
            handoff(ctx, out, rules.escalation(HandoffRules.ERP_FAILURE), Texts.ERP_DOWN_HANDOFF.in(ctx.language()));
        } else {
            out.say(Texts.ERP_DOWN.in(ctx.language()));
        }
    }

    void handoff(TurnContext ctx, Replies out, Escalation e, String text) {
        out.say(text);
        boolean fresh = !ctx.hasOpenTicket();
        ctx.handoff(e);
        if (fresh) {
            HandoffRules rules = escalation.rules(ctx.inbound().getStoreId());
            ctx.ticket().ifPresent(t -> ctx.ticket(t.toBuilder()
                    .setSlaDueAt(t.getCreatedAt() + rules.firstResponseSla().toMillis()).build()));
        }
    }

    /** Order facts the escalation policy reads (high-value orders go to a person). */
    private static void copyEscalationInputs(TurnContext ctx, Map<String, String> written) {
        String amount = written.get("amount");
        if (amount != null) {
            ctx.state().putSlots(EscalationPolicy.ORDER_AMOUNT_SLOT, amount);
        }
    }

    /** An action's answer or failure, in a form that survives the trip through Redis. */
    static final class Outcome {
        final JsonNode data;
        final String kind;
        final int code;
        final String message;

        private Outcome(JsonNode data, String kind, int code, String message) {
            this.data = data;
            this.kind = kind;
            this.code = code;
            this.message = message;
        }

        static Outcome ok(JsonNode data) {
            return new Outcome(data, null, 0, null);
        }

        static Outcome failed(Throwable t) {
            Throwable c = t;
            while ((c instanceof java.util.concurrent.CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
                c = c.getCause();
            }
            if (c instanceof ErpException e) {
                return new Outcome(null, e.kind().name(), e.code(), e.getMessage());
            }
            return new Outcome(null, ErpException.Kind.UNAVAILABLE.name(), 0, c.toString());
        }

        String interpret(FlowAction action, ActionInput in, Map<String, String> slots) {
            if (data != null) {
                return action.interpret(data, in, slots);
            }
            if (ErpException.Kind.REFUSED.name().equals(kind)) {
                return action.refused(new ErpException(ErpException.Kind.REFUSED, code, message), in, slots);
            }
            return ERP_ERROR;
        }

        String write() {
            ObjectNode n = JSON.createObjectNode();
            if (data != null) {
                n.set("data", data);
            } else {
                n.put("kind", kind);
                n.put("code", code);
                n.put("message", message);
            }
            return n.toString();
        }

        static Outcome read(String payload) {
            try {
                JsonNode n = JSON.readTree(payload);
                if (n.has("data")) {
                    return ok(n.get("data"));
                }
                return new Outcome(null, n.path("kind").asText(ErpException.Kind.UNAVAILABLE.name()), n.path("code").asInt(),
                        n.path("message").asText());
            } catch (IOException e) {
                return new Outcome(null, ErpException.Kind.BAD_RESPONSE.name(), 0, "unreadable late answer");
            }
        }
    }
}

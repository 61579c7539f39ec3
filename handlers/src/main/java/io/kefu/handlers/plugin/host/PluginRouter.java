package io.kefu.handlers.plugin.host;

import io.kefu.handlers.bot.EscalationPolicy;
import io.kefu.handlers.bot.Middleware;
import io.kefu.handlers.bot.TurnContext;
import io.kefu.handlers.plugin.TurnHandler;
import io.kefu.nlp.Prediction;
import io.kefu.proto.v1.InboundMessage;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * The plugins' place in a turn (bot middleware after classification, before the decision):
 * <ol>
 *   <li>a pending question a plugin asked gets the buyer's answer;</li>
 *   <li>otherwise, if the built-in escalation rules call a person, the bot does that;</li>
 *   <li>otherwise plugin middleware, then the plugin handling the intent.</li>
 * </ol>
 * A plugin that answers ends the turn; one that declines lets it continue; one that fails (throws,
 * runs past its budget, answers garbage, is overloaded) gives the buyer the fallback reply.
 */
final class PluginRouter implements Middleware {
    /** Slot naming the plugin handler whose question the buyer is answering ({@code id|key}). */
    static final String ASK_SLOT = "_plugin.ask";

    private enum Result { ANSWERED, DECLINED, FAILED }

    private final PluginHost host;
    private final EscalationPolicy escalation;

    PluginRouter(PluginHost host, EscalationPolicy escalation) {
        this.host = host;
        this.escalation = escalation;
    }

    @Override
    public void handle(TurnContext ctx, Next next) throws Exception {
        InboundMessage in = ctx.inbound();
        List<PluginGeneration> serving = host.enter(in.getStoreId());
        try {
            if (serving.isEmpty() || !decide(ctx, serving)) {
                next.run();
            }
        } finally {
            serving.forEach(PluginGeneration::exit);
        }
    }

    /** True when a plugin dealt with the turn. */
    private boolean decide(TurnContext ctx, List<PluginGeneration> serving) throws InterruptedException {
        Prediction p = ctx.prediction();
        String pending = ctx.state().getSlotsOrDefault(ASK_SLOT, "");
        if (!pending.isEmpty()) {
            ctx.state().removeSlots(ASK_SLOT);
            int bar = pending.indexOf('|');
            String id = bar > 0 ? pending.substring(0, bar) : "";
            String key = bar > 0 ? pending.substring(bar + 1) : "";
            for (PluginGeneration g : serving) {
                if (g.id.equals(id) && g.registrations.handler(key) != null) {
                    if (call(ctx, g, key, true) != Result.DECLINED) {
                        return true;
                    }
                }
            }
        }
        if (p != null && escalation.check(ctx.inbound(), p, ctx.state()).isPresent()) {
            return false; // a person was asked for (or is due): the built-in decision opens the ticket
        }
        for (PluginGeneration g : serving) {
            for (String key : g.registrations.middlewareKeys) {
                if (call(ctx, g, key, false) != Result.DECLINED) {
                    return true;
                }
            }
        }
        if (p != null && !p.fallback()) {
            for (PluginGeneration g : serving) {
                Optional<String> key = g.registrations.keyForIntent(p.intent());
                if (key.isPresent() && call(ctx, g, key.get(), false) != Result.DECLINED) {
                    return true;
                }
            }
        }
        return false;
    }

    private Result call(TurnContext ctx, PluginGeneration g, String key, boolean answeringAsk) throws InterruptedException {
        InboundMessage in = ctx.inbound();
        Prediction p = ctx.prediction();
        TurnActions turn = new TurnActions(new TurnActions.Message(in.getStoreId(), in.getConversationId(), in.getBuyerId(),
                in.getPlatformMsgId(), in.getText(), ctx.language(), p == null ? "" : p.intent(),
                p == null ? 0 : p.confidence(), p != null && !p.fallback()),
                answeringAsk, ctx.state().getSlotsMap(), host.scope(g.id, in.getStoreId()),
                LoggerFactory.getLogger("kefu.plugin." + g.id));
        TurnHandler handler = g.registrations.handler(key);
        GuardedCall.Outcome o = GuardedCall.run(g.calls, g.budget, () -> {
            handler.handle(turn);
            return null;
        });
        if (o.ok()) {
            Optional<String> garbage = turn.problem();
            if (garbage.isPresent()) {
                o = new GuardedCall.Outcome(GuardedCall.Failure.GARBAGE, new IllegalArgumentException(garbage.get()));
            }
        }
        host.record(g.id, o, key + " in store " + in.getStoreId());
        if (!o.ok()) {
            host.calls.labels(g.id, o.failure().name().toLowerCase()).inc();
            ctx.replyTemplate("_fallback");
            return Result.FAILED;
        }
        apply(ctx, g, key, turn);
        boolean answered = turn.answers();
        host.calls.labels(g.id, answered ? "answered" : "declined").inc();
        if (answered) {
            ctx.state().setConsecutiveFallbacks(0);
        }
        return answered ? Result.ANSWERED : Result.DECLINED;
    }

    private static void apply(TurnContext ctx, PluginGeneration g, String key, TurnActions turn) {
        for (Map.Entry<String, String> e : turn.slotWrites().entrySet()) {
            ctx.state().putSlots(e.getKey(), e.getValue());
        }
        for (TurnActions.Reply r : turn.replies()) {
            ctx.reply(r.text(), r.quickReplies().toArray(String[]::new));
        }
        if (turn.asks()) {
            ctx.state().putSlots(ASK_SLOT, g.id + "|" + key);
        }
        turn.handoffAction().ifPresent(h -> ctx.handoff(h.reason(), h.priority()));
    }
}

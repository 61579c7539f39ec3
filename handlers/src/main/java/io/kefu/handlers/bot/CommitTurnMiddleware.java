package io.kefu.handlers.bot;

import io.kefu.handlers.redis.RedisUnavailableException;
import io.kefu.handlers.store.ConcurrentTurnException;
import io.kefu.handlers.store.RedisConversationStore;
import io.kefu.handlers.store.TurnCommit;
import io.kefu.nlp.Prediction;
import io.kefu.proto.v1.DialogueState;
import io.kefu.proto.v1.IntentScore;
import io.kefu.proto.v1.OutboundMessage;
import io.kefu.proto.v1.Turn;
import io.kefu.proto.v1.TurnRecord;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Runs the rest of the turn, then commits everything it produced in one atomic step. A handler
 * that throws is turned into the error handler's answer and the turn is still committed; storage
 * trouble and lost races propagate so the dispatcher runs the turn again.
 */
final class CommitTurnMiddleware implements Middleware {
    private static final Logger log = LoggerFactory.getLogger(CommitTurnMiddleware.class);
    static final int HISTORY_LIMIT = 20;
    static final int RECENT_INTENTS_LIMIT = 10;

    private final RedisConversationStore store;
    private final Supplier<ErrorHandler> errorHandler;

    CommitTurnMiddleware(RedisConversationStore store, Supplier<ErrorHandler> errorHandler) {
        this.store = store;
        this.errorHandler = errorHandler;
    }

    @Override
    public void handle(TurnContext ctx, Next next) throws Exception {
        // What the conversation looked like before the handlers touched it: a handler that fails
        // half-way must not leave half its effects (a ticket, a mode, half-filled slots) behind.
        DialogueState before = ctx.state().build();
        try {
            next.run();
        } catch (ConcurrentTurnException | RedisUnavailableException | JedisException e) {
            throw e;
        } catch (InterruptedException e) {
            // Shutting down mid-turn: commit nothing, the message stays in the inbox for the next start.
            Thread.currentThread().interrupt();
            throw e;
        } catch (Exception e) {
            log.warn("turn of {} failed on message {}: {}", ctx.inbound().getConversationId(),
                    ctx.inbound().getPlatformMsgId(), e.toString(), e);
            ctx.failed();
            ctx.clearReplies();
            ctx.loaded(before, ctx.loadedVersion());
            ctx.ticket(null);
            errorHandler.get().handle(ctx, e);
        }
        remember(ctx);
        store.commit(new TurnCommit(
                ctx.inbound().getConversationId(),
                ctx.loadedVersion(),
                ctx.state().setVersion(ctx.loadedVersion() + 1).setUpdatedAt(ctx.now()).build(),
                ctx.inbound().toByteArray(),
                ctx.replies(),
                record(ctx),
                ctx.ticket()));
    }

    private static void remember(TurnContext ctx) {
        DialogueState.Builder s = ctx.state();
        Prediction p = ctx.prediction();
        Turn.Builder buyer = Turn.newBuilder().setRole("buyer").setText(ctx.text()).setAt(ctx.inbound().getReceivedAt())
                .setMsgId(ctx.inbound().getPlatformMsgId());
        if (p != null) {
            buyer.setIntent(p.fallback() ? "" : p.intent()).setConfidence(p.confidence());
            if (!p.fallback()) {
                java.util.List<String> recent = new java.util.ArrayList<>(s.getRecentIntentsList());
                recent.add(p.intent());
                s.clearRecentIntents().addAllRecentIntents(recent.subList(Math.max(0, recent.size() - RECENT_INTENTS_LIMIT), recent.size()));
            }
        }
        s.addHistory(buyer);
        for (OutboundMessage r : ctx.replies()) {
            s.addHistory(Turn.newBuilder().setRole("bot").setText(r.getText()).setAt(r.getCreatedAt()).setMsgId(r.getId()));
        }
        while (s.getHistoryCount() > HISTORY_LIMIT) {
            s.removeHistory(0);
        }
    }

    private static TurnRecord record(TurnContext ctx) {
        TurnRecord.Builder r = TurnRecord.newBuilder()
                .setInbound(ctx.inbound())
                .addAllReplies(ctx.replies())
                .setProcessedAt(ctx.now());
        Prediction p = ctx.prediction();
        if (p != null) {
            r.setFallback(p.fallback());
            p.ranking().forEach(s -> r.addIntents(IntentScore.newBuilder().setIntent(s.intent()).setConfidence(s.confidence())));
        }
        ctx.ticket().ifPresent(t -> r.setHandoffTicketId(t.getId()));
        return r.build();
    }
}

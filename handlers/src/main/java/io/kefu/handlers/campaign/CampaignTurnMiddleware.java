package io.kefu.handlers.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import io.kefu.handlers.bot.Middleware;
import io.kefu.handlers.bot.TurnContext;
import io.kefu.handlers.handoff.Escalation;
import io.kefu.proto.v1.OutboundMessage;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;

/**
 * Turns a proactive-message marker (see {@link InboxProactiveChannel}) into the bot's reply, and for
 * logistics exceptions into an after-sales ticket too. The turn commits as usual, so the message
 * joins the outbox atomically with the conversation state and is delivered like any reply. If a
 * person holds the conversation the bot stays silent (the marker never reaches this middleware):
 * the agent is talking to the buyer and sees the order in the console instead.
 */
public final class CampaignTurnMiddleware implements Middleware {
    static final String AFTER_SALES_GROUP = "after_sales";
    static final int AFTER_SALES_PRIORITY = 5;

    private final UnifiedJedis redis;

    public CampaignTurnMiddleware(UnifiedJedis redis) {
        this.redis = redis;
    }

    public static boolean isMarker(io.kefu.proto.v1.InboundMessage m) {
        return m.getPlatformMsgId().startsWith(InboxProactiveChannel.ID_PREFIX) && m.getText().isEmpty()
                && m.getAttachmentsCount() == 0;
    }

    @Override
    public void handle(TurnContext ctx, Next next) throws Exception {
        if (!isMarker(ctx.inbound())) {
            next.run();
            return;
        }
        String raw = redis.get(CampaignKeys.messageBody(ctx.inbound().getConversationId(), ctx.inbound().getPlatformMsgId()));
        if (raw == null) {
            return; // forged or expired: nothing to say, and nothing a buyer wrote
        }
        JsonNode body = InboxProactiveChannel.JSON.readTree(raw);
        String afterSales = body.path("after_sales").asText("");
        if (!afterSales.isEmpty()) {
            boolean ticketOpen = ctx.hasOpenTicket();
            ctx.handoff(new Escalation(afterSales, AFTER_SALES_PRIORITY, AFTER_SALES_GROUP));
            if (!ticketOpen) {
                ctx.ticket().ifPresent(t -> ctx.ticket(t.toBuilder().setLastBuyerText("[" + body.path("kind").asText() + "] order "
                        + body.path("order").asText()).build()));
            }
            ctx.clearReplies(); // our message says what happens next; the generic holding reply would not
        }
        ctx.reply(OutboundMessage.Sender.BOT, body.path("text").asText(), List.of());
    }
}

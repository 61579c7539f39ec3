package io.kefu.handlers.bot;

import io.kefu.nlp.Prediction;
import io.kefu.proto.v1.HandoffTicket;
import io.kefu.proto.v1.InboundMessage;
import io.kefu.proto.v1.OutboundMessage;
import java.util.List;
import java.util.Optional;

/**
 * What a committed turn did.
 *
 * @param prediction     null when the turn stopped before classification
 * @param routedToAgent  a person owns the conversation: the bot stayed silent
 * @param failed         a handler threw; the buyer got the error handler's answer
 * @param notUnderstood  the decision ran on a fallback prediction (see {@link #fallback()})
 */
public record TurnResult(
        InboundMessage inbound,
        List<OutboundMessage> replies,
        Optional<HandoffTicket> ticket,
        Prediction prediction,
        boolean routedToAgent,
        boolean failed,
        String modelId,
        boolean notUnderstood) {
    public TurnResult {
        replies = List.copyOf(replies);
    }

    /**
     * The bot answered "I don't understand" (or escalated for it): the decision step ran on a
     * fallback prediction. A turn a flow, a plugin or a campaign handled is not a fallback even if
     * the classifier could not place the words (an order number typed in answer to a question).
     */
    public boolean fallback() {
        return notUnderstood;
    }
}

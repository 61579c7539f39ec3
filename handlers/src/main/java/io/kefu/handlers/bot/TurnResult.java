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
 */
public record TurnResult(
        InboundMessage inbound,
        List<OutboundMessage> replies,
        Optional<HandoffTicket> ticket,
        Prediction prediction,
        boolean routedToAgent,
        boolean failed,
        String modelId) {
    public TurnResult {
        replies = List.copyOf(replies);
    }

    public boolean fallback() {
        return prediction != null && prediction.fallback();
    }
}

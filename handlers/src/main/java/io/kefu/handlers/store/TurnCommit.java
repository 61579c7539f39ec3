package io.kefu.handlers.store;

import io.kefu.proto.v1.DialogueState;
import io.kefu.proto.v1.HandoffTicket;
import io.kefu.proto.v1.OutboundMessage;
import io.kefu.proto.v1.TurnRecord;
import java.util.List;
import java.util.Optional;

/**
 * Everything one turn writes, committed in one atomic step: the new state, the consumed inbox
 * message, the replies into the outbox, the transcript record and a new handoff ticket.
 *
 * @param consumedRaw the exact bytes of the inbox head this turn processed
 */
public record TurnCommit(
        String conversationId,
        long expectedVersion,
        DialogueState newState,
        byte[] consumedRaw,
        List<OutboundMessage> replies,
        TurnRecord record,
        Optional<HandoffTicket> ticket) {
    public TurnCommit {
        replies = List.copyOf(replies);
    }
}

package io.kefu.handlers.handoff;

import com.google.protobuf.InvalidProtocolBufferException;
import io.kefu.handlers.redis.RedisKeys;
import io.kefu.handlers.store.RedisInbox;
import io.kefu.proto.v1.AgentCommand;
import io.kefu.proto.v1.DialogueState;
import io.kefu.proto.v1.InboundMessage;
import java.time.Clock;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;

/**
 * Puts agent actions into a conversation's inbox. The inbox entry is a marker message whose id
 * names the command; the command itself sits in its own key, written in the same Lua step. Only
 * kefu can write that key, so a buyer who sends a message with a look-alike id gets a normal bot
 * turn, never an agent's powers. Going through the inbox gives commands everything buyer messages
 * have: durable before we answer the console, processed in order with the buyer's messages, by one
 * worker at a time, committed with the version check, and found again by recovery after a crash.
 */
public final class AgentCommands {
    public static final String ID_PREFIX = "agent-cmd:";
    static final long TTL_SECONDS = 24 * 3600; // shorter than the inbox's dedup window: an id can never be replayed

    private final RedisInbox inbox;
    private final Clock clock;

    public AgentCommands(UnifiedJedis redis, Clock clock) {
        this.inbox = new RedisInbox(redis, clock);
        this.clock = clock;
    }

    /**
     * Persists a command for the conversation {@code s} (the caller then wakes its dispatcher).
     *
     * @return false when a command with this id was already submitted
     */
    public boolean submit(DialogueState s, AgentCommand command) {
        String conv = s.getConversationId();
        String msgId = ID_PREFIX + command.getId();
        InboundMessage marker = InboundMessage.newBuilder()
                .setPlatform(s.getPlatform())
                .setChannelId(s.getChannelId())
                .setStoreId(s.getStoreId())
                .setConversationId(conv)
                .setBuyerId(s.getBuyerId())
                .setPlatformMsgId(msgId)
                .setSentAt(command.getAt())
                .setReceivedAt(clock.millis())
                .build();
        return inbox.persistMarker(marker, RedisKeys.agentCommand(conv, command.getId()), command.toByteArray(), TTL_SECONDS);
    }

    /** The command a marker message stands for; empty for buyer messages (and forged markers). */
    public Optional<AgentCommand> of(InboundMessage m) {
        String id = m.getPlatformMsgId();
        if (!isMarker(m)) {
            return Optional.empty();
        }
        Optional<byte[]> raw = inbox.markerPayload(m, ID_PREFIX, RedisKeys.agentCommand(m.getConversationId(), id.substring(ID_PREFIX.length())));
        try {
            return raw.isEmpty() ? Optional.empty() : Optional.of(AgentCommand.parseFrom(raw.get()));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("unreadable agent command " + id, e);
        }
    }

    public static boolean isMarker(InboundMessage m) {
        return RedisInbox.isMarker(m, ID_PREFIX);
    }
}

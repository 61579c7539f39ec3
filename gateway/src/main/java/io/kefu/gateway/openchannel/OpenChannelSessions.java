package io.kefu.gateway.openchannel;

import io.kefu.gateway.outbound.ReplyDelivery;
import io.kefu.proto.v1.OutboundMessage;
import io.kefu.proto.v1.Reply;
import io.kefu.proto.v1.ServerFrame;
import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The buyers connected to this node, by conversation, and the open channel's reply delivery: a
 * reply goes to every live connection of its conversation and stays in the outbox until one of
 * them acks it; a buyer who is offline gets it after reconnecting.
 */
public final class OpenChannelSessions implements ReplyDelivery {
    /** Reply ids already written to a connection (the most recent ones; a reply is small, a buyer's backlog too). */
    private static final AttributeKey<Set<String>> SENT = AttributeKey.valueOf("kefu.sentReplies");
    private static final int REMEMBERED = 1024;

    private final Map<String, Set<Channel>> byConversation = new ConcurrentHashMap<>();

    public void add(String conversationId, Channel ch) {
        ch.attr(SENT).setIfAbsent(Collections.newSetFromMap(Collections.synchronizedMap(new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > REMEMBERED;
            }
        })));
        byConversation.computeIfAbsent(conversationId, k -> ConcurrentHashMap.newKeySet()).add(ch);
        ch.closeFuture().addListener(f -> remove(conversationId, ch));
    }

    void remove(String conversationId, Channel ch) {
        byConversation.computeIfPresent(conversationId, (k, set) -> {
            set.remove(ch);
            return set.isEmpty() ? null : set;
        });
    }

    public int connections() {
        return byConversation.values().stream().mapToInt(Set::size).sum();
    }

    @Override
    public void deliver(OutboundMessage reply) {
        Set<Channel> channels = byConversation.get(reply.getConversationId());
        if (channels == null) {
            return;
        }
        for (Channel ch : channels) {
            if (ch.isActive()) {
                write(ch, reply);
            }
        }
    }

    /**
     * Writes a reply to one connection once. A reply committed while its buyer is connecting is both
     * delivered live (the connection is registered) and found pending in the outbox (it is not acked
     * yet); without this the buyer would get it twice.
     *
     * @return false when this connection already had it
     */
    static boolean write(Channel ch, OutboundMessage reply) {
        Set<String> sent = ch.attr(SENT).get();
        if (sent != null && !sent.add(reply.getId())) {
            return false;
        }
        ch.writeAndFlush(toFrame(reply));
        return true;
    }

    static ServerFrame toFrame(OutboundMessage r) {
        return ServerFrame.newBuilder().setReply(Reply.newBuilder()
                .setId(r.getId())
                .setConversationId(r.getConversationId())
                .setText(r.getText())
                .addAllAttachments(r.getAttachmentsList())
                .setInReplyTo(r.getInReplyTo())
                .setSender(r.getSender())
                .setSeq(r.getSeq())
                .setCreatedAt(r.getCreatedAt())
                .addAllQuickReplies(r.getQuickRepliesList())).build();
    }
}

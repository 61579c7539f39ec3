package io.kefu.gateway.openchannel;

import io.kefu.gateway.outbound.ReplyDelivery;
import io.kefu.proto.v1.OutboundMessage;
import io.kefu.proto.v1.Reply;
import io.kefu.proto.v1.ServerFrame;
import io.netty.channel.Channel;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The buyers connected to this node, by conversation, and the open channel's reply delivery: a
 * reply goes to every live connection of its conversation and stays in the outbox until one of
 * them acks it; a buyer who is offline gets it after reconnecting.
 */
public final class OpenChannelSessions implements ReplyDelivery {
    private final Map<String, Set<Channel>> byConversation = new ConcurrentHashMap<>();

    public void add(String conversationId, Channel ch) {
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
        ServerFrame frame = toFrame(reply);
        for (Channel ch : channels) {
            if (ch.isActive()) {
                ch.writeAndFlush(frame);
            }
        }
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

package io.kefu.gateway.openchannel;

import io.kefu.handlers.config.ChannelConfig;
import io.kefu.handlers.config.StoreConfig;
import io.kefu.handlers.redis.RedisUnavailableException;
import io.kefu.handlers.store.RedisInbox;
import io.kefu.proto.v1.Ack;
import io.kefu.proto.v1.Auth;
import io.kefu.proto.v1.AuthOk;
import io.kefu.proto.v1.ChatMessage;
import io.kefu.proto.v1.ClientFrame;
import io.kefu.proto.v1.ErrorFrame;
import io.kefu.proto.v1.InboundMessage;
import io.kefu.proto.v1.OutboundMessage;
import io.kefu.proto.v1.Ping;
import io.kefu.proto.v1.Platform;
import io.kefu.proto.v1.Pong;
import io.kefu.proto.v1.ServerFrame;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One buyer connection on the open channel: auth, then messages (persisted, then acked, then
 * dispatched), reply acks, and heartbeats. Redis work runs on the blocking executor; frames are
 * written back with {@code writeAndFlush}, which Netty hands to the event loop.
 */
public final class OpenChannelHandler extends SimpleChannelInboundHandler<ClientFrame> {
    private static final Logger log = LoggerFactory.getLogger(OpenChannelHandler.class);
    static final Pattern BUYER_ID = Pattern.compile("[A-Za-z0-9_.:@-]{1,64}");
    static final Pattern MSG_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,128}");
    static final int MAX_TEXT_CHARS = 4000;
    static final int MAX_ATTACHMENTS = 10;

    private final ChannelConfig channel;
    private final StoreConfig store;
    private final OpenChannelServices services;
    private String conversationId;
    private String buyerId;
    private String buyerName = "";
    private String locale = "";

    public OpenChannelHandler(ChannelConfig channel, StoreConfig store, OpenChannelServices services) {
        this.channel = channel;
        this.store = store;
        this.services = services;
    }

    public static String conversationId(String channelId, String buyerId) {
        return "open:" + channelId + ":" + buyerId;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ClientFrame frame) {
        switch (frame.getFrameCase()) {
            case AUTH -> auth(ctx, frame.getAuth());
            case MESSAGE -> message(ctx, frame.getMessage());
            case ACK -> replyAcked(ctx, frame.getAck());
            case PING -> ctx.writeAndFlush(ServerFrame.newBuilder().setPong(Pong.newBuilder().setNonce(frame.getPing().getNonce())).build());
            case PONG -> { } // any frame proves liveness; the idle handler already saw it
            case FRAME_NOT_SET -> reject(ctx, ErrorFrame.Code.MALFORMED_FRAME, "empty frame", "", "malformed");
        }
    }

    private void auth(ChannelHandlerContext ctx, Auth auth) {
        if (conversationId != null) {
            reject(ctx, ErrorFrame.Code.BAD_REQUEST, "already authenticated", "", "bad_request");
            return;
        }
        if (!auth.getToken().isEmpty() && !auth.getToken().equals(channel.token())) {
            reject(ctx, ErrorFrame.Code.NOT_AUTHENTICATED, "wrong token", "", "unauthenticated");
            ctx.close();
            return;
        }
        if (!BUYER_ID.matcher(auth.getBuyerId()).matches()) {
            reject(ctx, ErrorFrame.Code.BAD_REQUEST, "buyer_id must be 1-64 characters of letters, digits, _ . : @ -", "", "bad_request");
            return;
        }
        buyerId = auth.getBuyerId();
        buyerName = limit(auth.getBuyerName(), 64);
        locale = auth.getLocale().isBlank() ? store.language() : limit(auth.getLocale(), 16);
        conversationId = conversationId(channel.id(), buyerId);
        Channel ch = ctx.channel();
        services.sessions().add(conversationId, ch);
        String conv = conversationId;
        blocking(ctx, "", () -> {
            List<OutboundMessage> pending = services.outbox().pending(conv);
            ch.write(ServerFrame.newBuilder().setAuthOk(AuthOk.newBuilder()
                    .setConversationId(conv)
                    .setSessionId(UUID.randomUUID().toString())
                    .setHeartbeatIntervalMs(services.heartbeatIntervalMs())
                    .setPendingReplies(pending.size())).build());
            // Everything the buyer has not acknowledged, in order: nothing is lost across reconnects.
            ch.flush();
            for (OutboundMessage r : pending) {
                OpenChannelSessions.write(ch, r);
            }
        });
    }

    private void message(ChannelHandlerContext ctx, ChatMessage m) {
        String id = m.getClientMsgId();
        if (conversationId == null) {
            reject(ctx, ErrorFrame.Code.NOT_AUTHENTICATED, "send auth first", id, "unauthenticated");
            return;
        }
        if (!MSG_ID.matcher(id).matches()) {
            reject(ctx, ErrorFrame.Code.BAD_REQUEST, "client_msg_id must be 1-128 characters of letters, digits, _ . : -", limit(id, 128), "bad_request");
            return;
        }
        if (m.getText().length() > MAX_TEXT_CHARS) {
            reject(ctx, ErrorFrame.Code.TOO_LARGE, "text longer than " + MAX_TEXT_CHARS + " characters", id, "too_large");
            return;
        }
        if (m.getText().isBlank() && m.getAttachmentsCount() == 0) {
            reject(ctx, ErrorFrame.Code.BAD_REQUEST, "a message needs text or an attachment", id, "bad_request");
            return;
        }
        if (m.getAttachmentsCount() > MAX_ATTACHMENTS) {
            reject(ctx, ErrorFrame.Code.BAD_REQUEST, "at most " + MAX_ATTACHMENTS + " attachments", id, "bad_request");
            return;
        }
        InboundMessage in = InboundMessage.newBuilder()
                .setPlatform(Platform.OPEN)
                .setChannelId(channel.id())
                .setStoreId(store.id())
                .setConversationId(conversationId)
                .setBuyerId(buyerId)
                .setBuyerName(buyerName)
                .setLocale(locale)
                .setPlatformMsgId(id)
                .setText(m.getText())
                .addAllAttachments(m.getAttachmentsList())
                .setSentAt(m.getSentAt() > 0 ? m.getSentAt() : services.clock().millis())
                .build();
        Channel ch = ctx.channel();
        blocking(ctx, id, () -> {
            RedisInbox.PersistResult r = services.inbox().persist(in);
            // Ack only now: the message is in Redis, a crash from here on cannot lose it.
            ch.writeAndFlush(ServerFrame.newBuilder().setAck(Ack.newBuilder().setId(id).setDuplicate(r.duplicate())).build());
            if (r.duplicate()) {
                services.metrics().duplicates.labels(channel.id()).inc();
            } else {
                services.metrics().messagesIn.labels(channel.id()).inc();
            }
            services.dispatcher().submit(in.getConversationId());
        });
    }

    private void replyAcked(ChannelHandlerContext ctx, Ack ack) {
        if (conversationId == null) {
            reject(ctx, ErrorFrame.Code.NOT_AUTHENTICATED, "send auth first", ack.getId(), "unauthenticated");
            return;
        }
        if (ack.getId().isEmpty() || ack.getId().length() > 128) {
            reject(ctx, ErrorFrame.Code.BAD_REQUEST, "ack needs the reply id", "", "bad_request");
            return;
        }
        String conv = conversationId;
        blocking(ctx, ack.getId(), () -> {
            services.outbox().markDelivered(conv, ack.getId());
            services.inbox().retireIfIdle(conv, services.outbox().isEmpty(conv));
        });
    }

    private void blocking(ChannelHandlerContext ctx, String refId, Runnable work) {
        Channel ch = ctx.channel();
        try {
            services.blocking().execute(() -> {
                try {
                    work.run();
                } catch (RedisUnavailableException | redis.clients.jedis.exceptions.JedisException e) {
                    services.metrics().errors.labels("redis").inc();
                    log.warn("Redis unavailable for {} on {}: {}", refId, conversationId, e.getMessage());
                    ch.writeAndFlush(error(ErrorFrame.Code.UNAVAILABLE, "storage unavailable, nothing was saved: send again later", refId, true));
                } catch (RuntimeException e) {
                    services.metrics().errors.labels("open_channel").inc();
                    log.error("open channel failure for {} on {}", refId, conversationId, e);
                    ch.writeAndFlush(error(ErrorFrame.Code.UNAVAILABLE, "internal error, nothing was saved: send again later", refId, true));
                }
            });
        } catch (RejectedExecutionException e) {
            ch.writeAndFlush(error(ErrorFrame.Code.UNAVAILABLE, "shutting down, send again later", refId, true));
        }
    }

    private void reject(ChannelHandlerContext ctx, ErrorFrame.Code code, String message, String refId, String reason) {
        services.metrics().droppedFrames.labels(channel.id(), reason).inc();
        ctx.writeAndFlush(error(code, message, refId, false));
    }

    static ServerFrame error(ErrorFrame.Code code, String message, String refId, boolean retryable) {
        return ServerFrame.newBuilder().setError(ErrorFrame.newBuilder()
                .setCode(code).setMessage(message).setRefId(refId).setRetryable(retryable)).build();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent e) {
            if (e.state() == IdleState.READER_IDLE) {
                log.debug("closing silent connection of {}", conversationId);
                ctx.close();
            } else if (e.state() == IdleState.WRITER_IDLE) {
                ctx.writeAndFlush(ServerFrame.newBuilder().setPing(Ping.newBuilder().setNonce(System.nanoTime())).build());
            }
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        services.metrics().errors.labels("open_channel_io").inc();
        log.debug("open channel connection error: {}", cause.toString());
        ctx.close();
    }

    private static String limit(String s, int n) {
        return s.length() > n ? s.substring(0, n) : s;
    }
}

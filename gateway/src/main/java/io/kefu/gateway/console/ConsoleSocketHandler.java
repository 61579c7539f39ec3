package io.kefu.gateway.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.kefu.handlers.handoff.AgentRoster;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.timeout.IdleStateEvent;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

/**
 * One console's socket. The server pushes desk events; the page sends
 * {@code {"type":"heartbeat","status":"online"|"away"}} every few seconds, which is the agent's
 * presence. Anything else is ignored; a socket silent for 60 s is closed (the agent's
 * conversations are only re-queued after the store's grace period, so a reload loses nothing).
 */
final class ConsoleSocketHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
    private final ConsoleAccount account;
    private final AgentRoster roster;
    private final ExecutorService blocking;
    private final Clock clock;

    ConsoleSocketHandler(ConsoleAccount account, AgentRoster roster, ExecutorService blocking, Clock clock) {
        this.account = account;
        this.roster = roster;
        this.blocking = blocking;
        this.clock = clock;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (frame instanceof PingWebSocketFrame) {
            ctx.writeAndFlush(new PongWebSocketFrame(frame.content().retain()));
        } else if (frame instanceof CloseWebSocketFrame) {
            ctx.writeAndFlush(new CloseWebSocketFrame()).addListener(f -> ctx.close());
        } else if (frame instanceof TextWebSocketFrame t) {
            heartbeat(t.text());
        }
    }

    private void heartbeat(String text) {
        if (account.capacity() == 0) {
            return;
        }
        String status;
        try {
            JsonNode n = ConsoleViews.JSON.readTree(text);
            if (n == null || !"heartbeat".equals(n.path("type").asText())) {
                return;
            }
            status = n.path("status").asText(AgentRoster.ONLINE);
        } catch (Exception e) {
            return; // a malformed frame is dropped; the connection stays
        }
        if (!AgentRoster.ONLINE.equals(status) && !AgentRoster.AWAY.equals(status)) {
            return;
        }
        try {
            blocking.execute(() -> ConsoleExtension.present(roster, account, status, clock.millis()));
        } catch (RejectedExecutionException ignored) {
            // shutting down
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}

package io.kefu.sandbox.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kefu.gateway.extension.HttpEndpoint;
import io.kefu.gateway.extension.NodeContext;
import io.kefu.gateway.extension.NodeExtension;
import io.kefu.gateway.http.HttpResponses;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's buyer-side HTTP bridge, active only when {@link DemoPlatforms} prepared this node's
 * config ({@code ./kefu start --demo}):
 * <ul>
 *   <li>{@code POST /sandbox/platform/{channelId}/say} {@code {"buyer","text","clientMsgId"?}} — the
 *       buyer writes on that platform (the simulator delivers it to kefu); a repeated clientMsgId is
 *       not delivered again;</li>
 *   <li>{@code GET /sandbox/platform/{channelId}/replies?buyer=…&after=N} →
 *       {@code {"replies":[{"id","text"}…],"next":M}}: what kefu sent that buyer through the platform
 *       API, from the N-th on;</li>
 *   <li>{@code POST /sandbox/demo/unpaid-order?buyer=…} → {@code {"order","remindInSeconds","channel"}}:
 *       an unpaid Taobao order for that buyer through the TMC simulator.</li>
 * </ul>
 */
public final class DemoPlatformsExtension implements NodeExtension {
    private static final Logger log = LoggerFactory.getLogger(DemoPlatformsExtension.class);
    private volatile DemoPlatforms platforms;

    @Override
    public String name() {
        return "demo-platforms";
    }

    @Override
    public void start(NodeContext ctx) {
        DemoPlatforms p = DemoPlatforms.active().orElse(null);
        if (p == null || ctx.config().channel(DemoPlatforms.SLACK).isEmpty() && !p.hasOrderFeed()) {
            return;
        }
        platforms = p;
        ctx.registerEndpoint(new Bridge(p, ctx.blocking()));
    }

    @Override
    public void started(NodeContext ctx) {
        if (platforms != null) {
            platforms.nodeStarted(ctx.port().getAsInt());
            log.info("demo platforms: buyer bridge at /sandbox/platform/CHANNEL/say and /replies");
        }
    }

    static final class Bridge implements HttpEndpoint {
        static final Pattern PLATFORM = Pattern.compile("/sandbox/platform/([A-Za-z0-9_.-]{1,64})/(say|replies)");
        static final String UNPAID = "/sandbox/demo/unpaid-order";
        static final Pattern BUYER = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
        static final int MAX_TEXT = 2000;
        private static final ObjectMapper JSON = new ObjectMapper();

        private final DemoPlatforms platforms;
        private final Executor blocking;
        /** clientMsgIds already delivered (a page resending after a reload must not say it twice). */
        private final Set<String> delivered = Collections.synchronizedSet(Collections.newSetFromMap(new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > 10_000;
            }
        }));

        Bridge(DemoPlatforms platforms, Executor blocking) {
            this.platforms = platforms;
            this.blocking = blocking;
        }

        @Override
        public boolean matches(String path) {
            return path.startsWith("/sandbox/platform/") || path.equals(UNPAID);
        }

        @Override
        public void handle(ChannelHandlerContext ctx, FullHttpRequest req, QueryStringDecoder qs) throws Exception {
            if (qs.path().equals(UNPAID)) {
                unpaidOrder(ctx, req, qs);
                return;
            }
            Matcher m = PLATFORM.matcher(qs.path());
            PlatformBridge bridge = m.matches() ? platforms.bridge(m.group(1)).orElse(null) : null;
            if (bridge == null) {
                HttpResponses.error(ctx, req, HttpResponseStatus.NOT_FOUND, "no demo platform channel at " + qs.path());
                return;
            }
            if (m.group(2).equals("replies")) {
                replies(ctx, req, qs, bridge, m.group(1));
            } else {
                say(ctx, req, bridge, m.group(1));
            }
        }

        private void say(ChannelHandlerContext ctx, FullHttpRequest req, PlatformBridge bridge, String channelId) {
            if (!req.method().equals(HttpMethod.POST)) {
                HttpResponses.error(ctx, req, HttpResponseStatus.METHOD_NOT_ALLOWED, "use POST");
                return;
            }
            JsonNode body;
            try {
                body = JSON.readTree(req.content().toString(StandardCharsets.UTF_8));
            } catch (Exception e) {
                body = null;
            }
            String buyer = body == null ? "" : body.path("buyer").asText("");
            String text = body == null ? "" : body.path("text").asText("").strip();
            String clientMsgId = body == null ? "" : body.path("clientMsgId").asText("");
            if (!BUYER.matcher(buyer).matches() || text.isEmpty() || text.length() > MAX_TEXT || clientMsgId.length() > 128) {
                HttpResponses.error(ctx, req, HttpResponseStatus.BAD_REQUEST,
                        "body must be {\"buyer\": [A-Za-z0-9_.-]{1,64}, \"text\": 1-" + MAX_TEXT + " characters, \"clientMsgId\"?}");
                return;
            }
            if (!clientMsgId.isEmpty() && !delivered.add(channelId + "/" + buyer + "/" + clientMsgId)) {
                json(ctx, req, JSON.createObjectNode().put("ok", true).put("duplicate", true));
                return;
            }
            req.retain();
            blocking.execute(() -> {
                try {
                    bridge.say(buyer, text);
                    json(ctx, req, JSON.createObjectNode().put("ok", true));
                } catch (RuntimeException e) {
                    if (!clientMsgId.isEmpty()) {
                        delivered.remove(channelId + "/" + buyer + "/" + clientMsgId);
                    }
                    log.warn("demo {}: the simulator could not deliver the buyer's message", channelId, e);
                    HttpResponses.error(ctx, req, HttpResponseStatus.BAD_GATEWAY, "the " + channelId + " simulator could not deliver it: " + e);
                } finally {
                    req.release();
                }
            });
        }

        private void replies(ChannelHandlerContext ctx, FullHttpRequest req, QueryStringDecoder qs, PlatformBridge bridge, String channelId) {
            if (!req.method().equals(HttpMethod.GET)) {
                HttpResponses.error(ctx, req, HttpResponseStatus.METHOD_NOT_ALLOWED, "use GET");
                return;
            }
            String buyer = one(qs, "buyer");
            int after;
            try {
                after = Math.max(0, Integer.parseInt(one(qs, "after").isEmpty() ? "0" : one(qs, "after")));
            } catch (NumberFormatException e) {
                after = -1;
            }
            if (!BUYER.matcher(buyer).matches() || after < 0) {
                HttpResponses.error(ctx, req, HttpResponseStatus.BAD_REQUEST, "?buyer=[A-Za-z0-9_.-]{1,64}&after=N");
                return;
            }
            List<String> all = bridge.replies(buyer);
            ObjectNode out = JSON.createObjectNode();
            ArrayNode list = out.putArray("replies");
            for (int i = after; i < all.size(); i++) {
                list.addObject().put("id", channelId + ":" + buyer + ":" + i).put("text", all.get(i));
            }
            out.put("next", Math.max(after, all.size()));
            json(ctx, req, out);
        }

        private void unpaidOrder(ChannelHandlerContext ctx, FullHttpRequest req, QueryStringDecoder qs) {
            if (!req.method().equals(HttpMethod.POST)) {
                HttpResponses.error(ctx, req, HttpResponseStatus.METHOD_NOT_ALLOWED, "use POST");
                return;
            }
            String buyer = one(qs, "buyer");
            if (!BUYER.matcher(buyer).matches()) {
                HttpResponses.error(ctx, req, HttpResponseStatus.BAD_REQUEST, "?buyer=[A-Za-z0-9_.-]{1,64}");
                return;
            }
            if (!platforms.hasOrderFeed()) {
                HttpResponses.error(ctx, req, HttpResponseStatus.NOT_FOUND, "this demo has no order feed");
                return;
            }
            String order = platforms.unpaidOrder(buyer);
            json(ctx, req, JSON.createObjectNode().put("order", order).put("remindInSeconds", DemoPlatforms.REMINDER_AFTER_SECONDS)
                    .put("channel", platforms.orderChannel()));
        }

        private static String one(QueryStringDecoder qs, String name) {
            List<String> v = qs.parameters().get(name);
            return v == null || v.isEmpty() ? "" : v.get(0).trim();
        }

        private static void json(ChannelHandlerContext ctx, FullHttpRequest req, ObjectNode body) {
            HttpResponses.send(ctx, req, HttpResponseStatus.OK, "application/json; charset=utf-8",
                    body.toString().getBytes(StandardCharsets.UTF_8));
        }
    }
}

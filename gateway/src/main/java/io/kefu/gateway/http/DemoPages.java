package io.kefu.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kefu.handlers.config.ChannelConfig;
import io.kefu.handlers.config.KefuConfig;
import io.kefu.handlers.config.StoreConfig;
import io.kefu.proto.v1.Platform;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The demo-only pages under {@code /sandbox/}: the buyer chat page and its files (classpath
 * resources of the sandbox module, present when it is on the classpath) and the channel list with
 * tokens. Served only in demo mode: a real deployment never publishes its tokens.
 */
public final class DemoPages {
    private static final String ROOT = "io/kefu/sandbox/web/";
    private static final Pattern SAFE_FILE = Pattern.compile("[A-Za-z0-9_-]+\\.(html|js|css|svg|png|ico|json)");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml", "png", "image/png", "ico", "image/x-icon", "json", "application/json; charset=utf-8");

    private final byte[] configJson;

    public DemoPages(KefuConfig config) {
        Set<String> orderChannels = orderFeedChannels(config);
        ObjectMapper json = new ObjectMapper();
        ArrayNode channels = json.createArrayNode();
        for (StoreConfig s : config.stores()) {
            for (ChannelConfig c : s.channels()) {
                ObjectNode ch = channels.addObject()
                        .put("id", c.id())
                        .put("token", c.token() == null ? "" : c.token())
                        .put("store", s.id())
                        .put("platform", c.platform().name())
                        .put("name", c.name());
                if (c.platform() != Platform.OPEN) {
                    // The sandbox's buyer-side bridge to the platform simulator (sandbox.demo.DemoPlatforms).
                    ch.put("bridge", "/sandbox/platform/" + c.id());
                }
                if (orderChannels.contains(c.id())) {
                    ch.put("unpaidOrder", "/sandbox/demo/unpaid-order");
                }
            }
        }
        try {
            configJson = json.writeValueAsBytes(json.createObjectNode().set("channels", channels));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The chat channels of stores that have a Taobao TMC order feed (the demo's simulator): the page
     * offers "simulate an unpaid order" there, and the payment reminder arrives in that chat.
     */
    static Set<String> orderFeedChannels(KefuConfig config) {
        Set<String> out = new HashSet<>();
        JsonNode campaigns = config.section("campaigns").orElse(null);
        if (campaigns == null) {
            return out;
        }
        for (JsonNode feed : campaigns.path("taobao")) {
            String channel = campaigns.path("stores").path(feed.path("store").asText("")).path("chat_channel").asText("");
            if (!channel.isEmpty()) {
                out.add(channel);
            }
        }
        return out;
    }

    /** @return false when the path is not one of ours */
    public boolean serve(ChannelHandlerContext ctx, FullHttpRequest req, String path) {
        if (path.equals("/sandbox/config.json")) {
            HttpResponses.send(ctx, req, HttpResponseStatus.OK, TYPES.get("json"), configJson);
            return true;
        }
        if (path.equals("/sandbox/chat") || path.equals("/sandbox/chat/")) {
            return file(ctx, req, "chat.html");
        }
        if (path.startsWith("/sandbox/static/")) {
            return file(ctx, req, path.substring("/sandbox/static/".length()));
        }
        return false;
    }

    private boolean file(ChannelHandlerContext ctx, FullHttpRequest req, String name) {
        if (!SAFE_FILE.matcher(name).matches()) {
            HttpResponses.error(ctx, req, HttpResponseStatus.NOT_FOUND, "no such file");
            return true;
        }
        try (InputStream in = DemoPages.class.getClassLoader().getResourceAsStream(ROOT + name)) {
            if (in == null) {
                HttpResponses.error(ctx, req, HttpResponseStatus.NOT_FOUND,
                        "no such file: " + name + (name.equals("chat.html") ? " (the sandbox module is not on the classpath)" : ""));
                return true;
            }
            String ext = name.substring(name.lastIndexOf('.') + 1);
            HttpResponses.send(ctx, req, HttpResponseStatus.OK, TYPES.get(ext), in.readAllBytes());
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

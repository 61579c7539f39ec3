package io.kefu.gateway.plugins;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kefu.gateway.admin.AdminToken;
import io.kefu.gateway.extension.HttpEndpoint;
import io.kefu.gateway.http.HttpResponses;
import io.kefu.handlers.config.ConfigException;
import io.kefu.handlers.plugin.PluginConfig;
import io.kefu.handlers.plugin.host.PluginHost;
import io.kefu.handlers.plugin.host.PluginLoadException;
import io.kefu.handlers.plugin.host.PluginSettings;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The plugin admin API, protected by {@code admin.token} (Bearer). Served under {@code /plugins}
 * because the core admin API answers every {@code /admin/*} path itself.
 *
 * <pre>
 * GET    /plugins                                   every plugin's status + jars that failed to load
 * POST   /plugins/rescan                            load jars dropped into plugins.dir since
 * POST   /plugins/{id}/reload                       fresh instance from its jar; in-flight turns finish on the old one
 * POST   /plugins/{id}/unload
 * POST   /plugins/{id}/enable?store=S               (also resets a tripped circuit breaker)
 * POST   /plugins/{id}/disable?store=S
 * PUT    /plugins/{id}/config?store=S               body: {"key": "value", …}
 * POST   /plugins/{id}/commands/{name}?store=S      body: {"arg": "value", …} → {"output": "…"}
 * </pre>
 */
final class PluginAdminEndpoint implements HttpEndpoint {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ACTION = Pattern.compile("/plugins/([a-z0-9][a-z0-9._-]{0,63})/(reload|unload|enable|disable|config)");
    private static final Pattern COMMAND = Pattern.compile("/plugins/([a-z0-9][a-z0-9._-]{0,63})/commands/([A-Za-z0-9_.-]{1,64})");

    private final AdminToken token;
    private final PluginHost host;
    private final Executor blocking;

    PluginAdminEndpoint(AdminToken token, PluginHost host, Executor blocking) {
        this.token = token;
        this.host = host;
        this.blocking = blocking;
    }

    @Override
    public boolean matches(String path) {
        return path.equals("/plugins") || path.startsWith("/plugins/");
    }

    @Override
    public void handle(ChannelHandlerContext ctx, FullHttpRequest req, QueryStringDecoder qs) {
        if (!token.admits(ctx, req)) {
            return;
        }
        String path = qs.path();
        HttpMethod method = req.method();
        byte[] body = ByteBufUtil.getBytes(req.content());
        String store = qs.parameters().getOrDefault("store", List.of("")).get(0);
        Matcher action = ACTION.matcher(path);
        Matcher command = COMMAND.matcher(path);
        Work work;
        if (path.equals("/plugins") && method.equals(HttpMethod.GET)) {
            work = () -> json(ctx, req, HttpResponseStatus.OK, Map.of("plugins", host.list(), "failed_jars", host.failedJars()));
        } else if (path.equals("/plugins/rescan") && method.equals(HttpMethod.POST)) {
            work = () -> json(ctx, req, HttpResponseStatus.OK, Map.of("plugins", host.loadAll(), "failed_jars", host.failedJars()));
        } else if (action.matches()) {
            String id = action.group(1);
            String verb = action.group(2);
            boolean put = verb.equals("config");
            if (!method.equals(put ? HttpMethod.PUT : HttpMethod.POST)) {
                HttpResponses.error(ctx, req, HttpResponseStatus.METHOD_NOT_ALLOWED, "use " + (put ? "PUT" : "POST") + " for " + verb);
                return;
            }
            work = () -> {
                switch (verb) {
                    case "reload" -> json(ctx, req, HttpResponseStatus.OK, host.reload(id));
                    case "unload" -> {
                        host.unload(id);
                        json(ctx, req, HttpResponseStatus.OK, Map.of("unloaded", id));
                    }
                    case "enable" -> {
                        host.enable(requireStore(store), id);
                        json(ctx, req, HttpResponseStatus.OK, host.status(id).orElseThrow());
                    }
                    case "disable" -> {
                        host.disable(requireStore(store), id);
                        json(ctx, req, HttpResponseStatus.OK, host.status(id).orElseThrow());
                    }
                    default -> {
                        PluginConfig cfg = PluginSettings.config(object(body), "body");
                        host.configure(requireStore(store), id, cfg);
                        json(ctx, req, HttpResponseStatus.OK, Map.of("plugin", id, "store", store, "config", cfg.asMap()));
                    }
                }
            };
        } else if (command.matches() && method.equals(HttpMethod.POST)) {
            String id = command.group(1);
            String name = command.group(2);
            work = () -> {
                Map<String, String> args = new LinkedHashMap<>(PluginSettings.config(object(body), "body").asMap());
                String output = host.command(id, name, requireStore(store), args);
                json(ctx, req, HttpResponseStatus.OK, Map.of("output", output));
            };
        } else {
            HttpResponses.error(ctx, req, HttpResponseStatus.NOT_FOUND, "no such plugin endpoint: " + method + " " + path);
            return;
        }
        req.retain();
        blocking.execute(() -> {
            try {
                work.run();
            } catch (PluginLoadException e) {
                HttpResponses.error(ctx, req, e.getMessage().startsWith("no plugin ") ? HttpResponseStatus.NOT_FOUND
                        : HttpResponseStatus.BAD_REQUEST, e.getMessage());
            } catch (IllegalArgumentException | ConfigException e) {
                HttpResponses.error(ctx, req, e.getMessage().startsWith("no plugin ") ? HttpResponseStatus.NOT_FOUND
                        : HttpResponseStatus.BAD_REQUEST, e.getMessage());
            } catch (IllegalStateException e) {
                HttpResponses.error(ctx, req, HttpResponseStatus.BAD_GATEWAY, e.getMessage());
            } catch (Exception e) {
                HttpResponses.error(ctx, req, HttpResponseStatus.INTERNAL_SERVER_ERROR, e.toString());
            } finally {
                req.release();
            }
        });
    }

    private interface Work {
        void run() throws Exception;
    }

    private static String requireStore(String store) {
        if (store.isEmpty()) {
            throw new IllegalArgumentException("add ?store=<store id>");
        }
        return store;
    }

    private static JsonNode object(byte[] body) {
        if (body.length == 0) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode n = JSON.readTree(body);
            if (n == null || !n.isObject()) {
                throw new IllegalArgumentException("body must be a JSON object of keys to text/number/boolean values");
            }
            return n;
        } catch (IOException e) {
            throw new IllegalArgumentException("body is not JSON: " + e.getMessage());
        }
    }

    private static void json(ChannelHandlerContext ctx, FullHttpRequest req, HttpResponseStatus status, Object body) {
        try {
            HttpResponses.send(ctx, req, status, "application/json; charset=utf-8", JSON.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

}

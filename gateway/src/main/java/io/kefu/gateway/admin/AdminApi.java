package io.kefu.gateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kefu.gateway.extension.HttpEndpoint;
import io.kefu.gateway.http.HttpResponses;
import io.kefu.handlers.config.AllowedKeys;
import io.kefu.handlers.config.ConfigException;
import io.kefu.handlers.config.KefuConfig;
import io.kefu.handlers.nlu.ModelSwitcher;
import io.kefu.handlers.nlu.RedisModelRegistry;
import io.kefu.nlp.model.ModelMetadata;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The admin API for trainers (models) — enabled by an {@code admin.token} in the config and
 * protected by it as a Bearer token.
 *
 * <pre>
 * GET  /admin/models                  active id, history, every uploaded model's metadata
 * POST /admin/models                  body: a model file (≤ 256 MiB) → 201 {id, …metadata}
 * POST /admin/models/{id}/activate    every node switches (Redis pub/sub) → 200 {active}
 * POST /admin/models/rollback         back to the previously active model → 200 {active}
 * </pre>
 */
public final class AdminApi implements HttpEndpoint {
    public static final String UPLOAD_PATH = "/admin/models";
    public static final int MAX_UPLOAD_BYTES = 256 * 1024 * 1024;
    private static final Pattern ACTIVATE = Pattern.compile("/admin/models/([0-9a-f]{8,64})/activate");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AdminToken token;
    private final RedisModelRegistry registry;
    private final ModelSwitcher models;
    private final Executor blocking;

    AdminApi(AdminToken token, RedisModelRegistry registry, ModelSwitcher models, Executor blocking) {
        this.token = token;
        this.registry = registry;
        this.models = models;
        this.blocking = blocking;
    }

    /** The API when {@code admin.token} is configured. */
    public static Optional<AdminApi> fromConfig(KefuConfig config, RedisModelRegistry registry, ModelSwitcher models, Executor blocking) {
        return AdminToken.of(config).map(t -> new AdminApi(t, registry, models, blocking));
    }

    /** Validates the {@code admin} section (errors name the key); the token when one is configured. */
    public static Optional<String> token(KefuConfig config) {
        Optional<JsonNode> section = config.section("admin");
        if (section.isEmpty()) {
            return Optional.empty();
        }
        JsonNode admin = section.get();
        AllowedKeys.of("token").check(admin, "admin");
        JsonNode t = admin.get("token");
        if (t == null || !t.isTextual() || t.asText().length() < 16) {
            throw new ConfigException("config", "admin.token", "required: a secret of at least 16 characters");
        }
        return Optional.of(t.asText());
    }

    @Override
    public boolean matches(String path) {
        // Only the model routes: other /admin/... endpoints belong to extensions.
        return path.equals(UPLOAD_PATH) || path.startsWith(UPLOAD_PATH + "/");
    }

    @Override
    public void handle(ChannelHandlerContext ctx, FullHttpRequest req, QueryStringDecoder qs) {
        if (!token.admits(ctx, req)) {
            return;
        }
        String path = qs.path();
        boolean post = req.method().equals(HttpMethod.POST);
        if (path.equals(UPLOAD_PATH) && req.method().equals(HttpMethod.GET)) {
            run(ctx, req, () -> json(ctx, req, HttpResponseStatus.OK, Map.of(
                    "active", registry.activeId().orElse(""), "serving", models.currentId(),
                    "history", registry.history(), "models", registry.list())));
        } else if (path.equals(UPLOAD_PATH) && post) {
            if (!req.content().isReadable()) {
                HttpResponses.error(ctx, req, HttpResponseStatus.BAD_REQUEST, "empty body: send the model file");
                return;
            }
            run(ctx, req, () -> {
                try {
                    // Copied off the event loop: a model file can be hundreds of megabytes.
                    ModelMetadata meta = registry.upload(ByteBufUtil.getBytes(req.content()));
                    json(ctx, req, HttpResponseStatus.CREATED, meta);
                } catch (IOException e) {
                    HttpResponses.error(ctx, req, HttpResponseStatus.BAD_REQUEST, e.getMessage());
                }
            });
        } else if (path.equals("/admin/models/rollback") && post) {
            run(ctx, req, () -> registry.rollback().ifPresentOrElse(
                    id -> json(ctx, req, HttpResponseStatus.OK, Map.of("active", id)),
                    () -> HttpResponses.error(ctx, req, HttpResponseStatus.CONFLICT, "no earlier model to roll back to")));
        } else if (ACTIVATE.matcher(path).matches() && post) {
            Matcher m = ACTIVATE.matcher(path);
            m.matches();
            String id = m.group(1);
            run(ctx, req, () -> {
                if (registry.activate(id)) {
                    json(ctx, req, HttpResponseStatus.OK, Map.of("active", id));
                } else {
                    HttpResponses.error(ctx, req, HttpResponseStatus.NOT_FOUND, "no uploaded model " + id);
                }
            });
        } else {
            HttpResponses.error(ctx, req, HttpResponseStatus.NOT_FOUND, "no such admin endpoint: " + req.method() + " " + path);
        }
    }

    private interface Work {
        void run() throws Exception;
    }

    private void run(ChannelHandlerContext ctx, FullHttpRequest req, Work work) {
        req.retain();
        blocking.execute(() -> {
            try {
                work.run();
            } catch (JedisException e) {
                HttpResponses.error(ctx, req, HttpResponseStatus.SERVICE_UNAVAILABLE, "storage unavailable: " + e.getMessage());
            } catch (Exception e) {
                HttpResponses.error(ctx, req, HttpResponseStatus.INTERNAL_SERVER_ERROR, e.toString());
            } finally {
                req.release();
            }
        });
    }

    private static void json(ChannelHandlerContext ctx, FullHttpRequest req, HttpResponseStatus status, Object body) {
        try {
            HttpResponses.send(ctx, req, status, "application/json; charset=utf-8", JSON.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}

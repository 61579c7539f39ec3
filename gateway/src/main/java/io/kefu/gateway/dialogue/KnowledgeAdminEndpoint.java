package io.kefu.gateway.dialogue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kefu.gateway.admin.AdminToken;
import io.kefu.gateway.extension.HttpEndpoint;
import io.kefu.gateway.http.HttpResponses;
import io.kefu.handlers.knowledge.DocumentException;
import io.kefu.handlers.knowledge.KnowledgeBase;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Admin API of the knowledge base, behind the admin token ({@code Authorization: Bearer …}):
 * <pre>
 * GET    /knowledge/{store}                    entries, answered / unanswered counts, uploaded documents
 * PUT    /knowledge/{store}/documents/{name}   body = the document (.md / .yaml / .csv by name); 400 names the line
 * DELETE /knowledge/{store}/documents/{name}
 * GET    /knowledge/{store}/search?q=…         best entry, score and coverage (to tune the threshold)
 * </pre>
 * ({@code /admin/…} belongs to the model admin API, which claims the whole prefix.)
 */
final class KnowledgeAdminEndpoint implements HttpEndpoint {
    private static final Pattern PATH = Pattern.compile("^/knowledge/([A-Za-z0-9_.-]{1,64})(?:/(documents/([^/]+)|search))?$");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KnowledgeBase kb;
    private final AdminToken token;
    private final Executor blocking;

    KnowledgeAdminEndpoint(KnowledgeBase kb, AdminToken token, Executor blocking) {
        this.kb = kb;
        this.token = token;
        this.blocking = blocking;
    }

    @Override
    public boolean matches(String path) {
        return path.equals("/knowledge") || path.startsWith("/knowledge/");
    }

    @Override
    public void handle(ChannelHandlerContext ctx, FullHttpRequest req, QueryStringDecoder qs) {
        if (!token.admits(ctx, req)) {
            return;
        }
        Matcher m = PATH.matcher(qs.path());
        if (!m.matches()) {
            HttpResponses.error(ctx, req, HttpResponseStatus.NOT_FOUND, "no such knowledge endpoint: " + qs.path());
            return;
        }
        String store = m.group(1);
        if (!kb.stores().contains(store)) {
            HttpResponses.error(ctx, req, HttpResponseStatus.NOT_FOUND, "no knowledge base for store '" + store + "'");
            return;
        }
        String doc = m.group(3);
        HttpMethod method = req.method();
        byte[] body = ByteBufUtil.getBytes(req.content());
        blocking.execute(() -> {
            try {
                if (m.group(2) == null && method.equals(HttpMethod.GET)) {
                    json(ctx, req, HttpResponseStatus.OK, kb.stats(store));
                } else if ("search".equals(m.group(2)) && method.equals(HttpMethod.GET)) {
                    String q = qs.parameters().getOrDefault("q", java.util.List.of("")).get(0);
                    if (q.isBlank()) {
                        HttpResponses.error(ctx, req, HttpResponseStatus.BAD_REQUEST, "missing query parameter q");
                        return;
                    }
                    Map<String, Object> out = new LinkedHashMap<>();
                    kb.search(store, q).ifPresent(h -> {
                        out.put("id", h.entry().id());
                        out.put("score", h.score());
                        out.put("coverage", h.coverage());
                        out.put("answers", h.coverage() >= kb.threshold());
                    });
                    json(ctx, req, HttpResponseStatus.OK, out);
                } else if (doc != null && method.equals(HttpMethod.PUT)) {
                    if (body.length == 0) {
                        HttpResponses.error(ctx, req, HttpResponseStatus.BAD_REQUEST, "empty body: send the document");
                        return;
                    }
                    kb.put(store, doc, new String(body, StandardCharsets.UTF_8));
                    json(ctx, req, HttpResponseStatus.OK, kb.stats(store));
                } else if (doc != null && method.equals(HttpMethod.DELETE)) {
                    if (kb.delete(store, doc)) {
                        json(ctx, req, HttpResponseStatus.OK, kb.stats(store));
                    } else {
                        HttpResponses.error(ctx, req, HttpResponseStatus.NOT_FOUND, "no uploaded document " + doc);
                    }
                } else {
                    HttpResponses.error(ctx, req, HttpResponseStatus.METHOD_NOT_ALLOWED, method + " not allowed on " + qs.path());
                }
            } catch (DocumentException e) {
                HttpResponses.error(ctx, req, HttpResponseStatus.BAD_REQUEST, e.getMessage());
            } catch (Exception e) {
                HttpResponses.error(ctx, req, HttpResponseStatus.SERVICE_UNAVAILABLE, "knowledge base unavailable: " + e.getMessage());
            }
        });
    }

    private static void json(ChannelHandlerContext ctx, FullHttpRequest req, HttpResponseStatus status, Object body) throws Exception {
        HttpResponses.send(ctx, req, status, "application/json; charset=utf-8", JSON.writeValueAsBytes(body));
    }
}

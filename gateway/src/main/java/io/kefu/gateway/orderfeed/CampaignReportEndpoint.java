package io.kefu.gateway.orderfeed;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kefu.gateway.admin.AdminToken;
import io.kefu.gateway.extension.HttpEndpoint;
import io.kefu.gateway.http.HttpResponses;
import io.kefu.handlers.campaign.CampaignEngine;
import io.kefu.handlers.campaign.StoreCampaign;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * {@code GET /admin/campaigns/report?store=…&day=YYYY-MM-DD} (day defaults to today in the store's
 * time zone), protected by the {@code admin.token} Bearer token like the rest of the admin API.
 * Also served at {@code /campaigns/report}: the models admin API claims every {@code /admin/} path
 * and is registered first, so until it lets this one through the alias is what answers.
 */
final class CampaignReportEndpoint implements HttpEndpoint {
    static final String PATH = "/admin/campaigns/report";
    static final String ALIAS = "/campaigns/report";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AdminToken token;
    private final CampaignEngine engine;
    private final Executor blocking;
    private final Clock clock;

    CampaignReportEndpoint(AdminToken token, CampaignEngine engine, Executor blocking, Clock clock) {
        this.token = token;
        this.engine = engine;
        this.blocking = blocking;
        this.clock = clock;
    }

    @Override
    public boolean matches(String path) {
        return path.equals(PATH) || path.equals(ALIAS);
    }

    @Override
    public void handle(ChannelHandlerContext ctx, FullHttpRequest req, QueryStringDecoder qs) throws Exception {
        if (!token.admits(ctx, req)) {
            return;
        }
        if (!req.method().equals(HttpMethod.GET)) {
            HttpResponses.error(ctx, req, HttpResponseStatus.METHOD_NOT_ALLOWED, "use GET");
            return;
        }
        String storeId = one(qs, "store");
        if (storeId == null) {
            HttpResponses.error(ctx, req, HttpResponseStatus.BAD_REQUEST, "store is required (?store=…&day=YYYY-MM-DD)");
            return;
        }
        Optional<StoreCampaign> store = engine.settings().store(storeId);
        if (store.isEmpty()) {
            HttpResponses.error(ctx, req, HttpResponseStatus.NOT_FOUND, "no campaigns configured for store " + storeId);
            return;
        }
        LocalDate day;
        String d = one(qs, "day");
        try {
            day = d == null ? LocalDate.now(clock.withZone(store.get().zone())) : LocalDate.parse(d);
        } catch (DateTimeParseException e) {
            HttpResponses.error(ctx, req, HttpResponseStatus.BAD_REQUEST, "day must be YYYY-MM-DD (got '" + d + "')");
            return;
        }
        req.retain();
        blocking.execute(() -> {
            try {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("store", storeId);
                body.put("day", day.toString());
                body.put("time_zone", store.get().zone().getId());
                body.putAll(engine.report().day(storeId, day));
                body.put("pending_tasks", engine.pending(storeId));
                HttpResponses.send(ctx, req, HttpResponseStatus.OK, "application/json; charset=utf-8", JSON.writeValueAsBytes(body));
            } catch (Exception e) {
                HttpResponses.error(ctx, req, HttpResponseStatus.SERVICE_UNAVAILABLE, "storage unavailable: " + e.getMessage());
            } finally {
                req.release();
            }
        });
    }

    private static String one(QueryStringDecoder qs, String name) {
        List<String> v = qs.parameters().get(name);
        return v == null || v.isEmpty() || v.get(0).isBlank() ? null : v.get(0).trim();
    }
}

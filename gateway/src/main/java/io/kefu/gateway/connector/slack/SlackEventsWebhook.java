package io.kefu.gateway.connector.slack;

import com.fasterxml.jackson.databind.JsonNode;
import io.kefu.gateway.connector.ConnectorContext;
import io.kefu.gateway.connector.JsonHttpClient;
import io.kefu.gateway.connector.WebhookReceiver;
import io.kefu.gateway.connector.WebhookRequest;
import io.kefu.gateway.connector.WebhookResponse;
import io.kefu.handlers.redis.RedisUnavailableException;
import io.kefu.proto.v1.InboundMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Events API request URL, {@code POST /webhooks/slack/{channelId}}: v0 signature and 5-minute
 * replay window first (401, nothing read further, nothing stored), then {@code url_verification}
 * is answered with its challenge, and {@code event_callback}s are persisted before the 200 that
 * acks them (a 503 when Redis is down makes Slack retry; dedup on event_id absorbs its retries).
 */
final class SlackEventsWebhook implements WebhookReceiver {
    private static final Logger log = LoggerFactory.getLogger(SlackEventsWebhook.class);

    private final ConnectorContext ctx;
    private final String signingSecret;
    private final SlackEventDecoder decoder;

    SlackEventsWebhook(ConnectorContext ctx, String signingSecret, SlackEventDecoder decoder) {
        this.ctx = ctx;
        this.signingSecret = signingSecret;
        this.decoder = decoder;
    }

    @Override
    public WebhookResponse handle(WebhookRequest req) {
        if (!req.method().equals("POST")) {
            return WebhookResponse.refuse(405, "Slack events are POSTed");
        }
        String problem = SlackSignature.problem(signingSecret, req.header("X-Slack-Request-Timestamp"),
                req.header("X-Slack-Signature"), req.body(), ctx.clock().millis() / 1000);
        if (problem != null) {
            return WebhookResponse.refuse(401, problem);
        }
        JsonNode body;
        try {
            body = JsonHttpClient.JSON.readTree(req.body());
        } catch (Exception e) {
            body = null;
        }
        if (body == null || !body.isObject()) {
            return WebhookResponse.refuse(400, "body is not a JSON object");
        }
        if ("url_verification".equals(body.path("type").asText())) {
            String challenge = body.path("challenge").asText("");
            return WebhookResponse.json("{\"challenge\":\"" + challenge.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
        }
        SlackEventDecoder.Decoded d = decoder.decode(body);
        if (d instanceof SlackEventDecoder.Malformed m) {
            return WebhookResponse.refuse(400, m.reason());
        }
        if (d instanceof SlackEventDecoder.Ignored) {
            return WebhookResponse.text("");
        }
        InboundMessage in = ((SlackEventDecoder.Message) d).message();
        try {
            ctx.inbound().persist(in);
        } catch (RedisUnavailableException e) {
            log.warn("Slack channel {}: not acking event {}: {}", in.getChannelId(), in.getPlatformMsgId(), e.getMessage());
            return WebhookResponse.refuse(503, "storage unavailable, retry later");
        }
        ctx.metrics().acked(in.getChannelId());
        // The 200 goes out right after this returns; dispatch is cheap and never blocks.
        ctx.inbound().dispatch(in.getConversationId());
        return WebhookResponse.text("");
    }
}

package io.kefu.gateway.connector.feishu;

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
 * Feishu's HTTP event subscription, {@code POST /webhooks/feishu/{channelId}} (when
 * {@code encrypt_key} is set): the body {@code {"encrypt":"…"}} is decrypted; the one unsigned
 * request accepted is {@code url_verification}, answered with its challenge (it proves the
 * encrypt_key by decrypting, and stores nothing). Every event must carry a valid
 * {@code X-Lark-Signature} and a fresh timestamp (401 otherwise, nothing stored), and is
 * persisted before the 200 that acks it; the decoder and dedup are the long connection's.
 */
final class FeishuEventsWebhook implements WebhookReceiver {
    private static final Logger log = LoggerFactory.getLogger(FeishuEventsWebhook.class);

    private final ConnectorContext ctx;
    private final FeishuEventCrypto crypto;
    private final FeishuEventDecoder decoder;

    FeishuEventsWebhook(ConnectorContext ctx, FeishuEventCrypto crypto, FeishuEventDecoder decoder) {
        this.ctx = ctx;
        this.crypto = crypto;
        this.decoder = decoder;
    }

    @Override
    public WebhookResponse handle(WebhookRequest req) {
        if (!req.method().equals("POST")) {
            return WebhookResponse.refuse(405, "Feishu events are POSTed");
        }
        boolean signed = req.header("X-Lark-Signature") != null;
        if (signed) {
            String problem = crypto.problem(req.header("X-Lark-Request-Timestamp"), req.header("X-Lark-Request-Nonce"),
                    req.header("X-Lark-Signature"), req.body(), ctx.clock().millis() / 1000);
            if (problem != null) {
                return WebhookResponse.refuse(401, problem);
            }
        }
        JsonNode outer = json(req.bodyText());
        if (outer == null || !outer.path("encrypt").isTextual()) {
            return WebhookResponse.refuse(signed ? 400 : 401, "body is not {\"encrypt\":…}");
        }
        JsonNode body;
        try {
            body = json(crypto.decrypt(outer.path("encrypt").asText()));
        } catch (FeishuEventCrypto.CryptoException e) {
            return WebhookResponse.refuse(signed ? 400 : 401, e.getMessage());
        }
        if (body == null || !body.isObject()) {
            return WebhookResponse.refuse(400, "decrypted body is not a JSON object");
        }
        if ("url_verification".equals(body.path("type").asText())) {
            return WebhookResponse.json(JsonHttpClient.JSON.createObjectNode().put("challenge", body.path("challenge").asText("")).toString());
        }
        if (!signed) {
            return WebhookResponse.refuse(401, "events must carry X-Lark-Signature");
        }
        FeishuEventDecoder.Decoded d = decoder.decode(body);
        if (d instanceof FeishuEventDecoder.Malformed m) {
            return WebhookResponse.refuse(400, m.reason());
        }
        if (d instanceof FeishuEventDecoder.Ignored) {
            return WebhookResponse.json("{}");
        }
        InboundMessage in = ((FeishuEventDecoder.Message) d).message();
        try {
            ctx.inbound().persist(in);
        } catch (RedisUnavailableException e) {
            log.warn("Feishu channel {}: not acking event {}: {}", in.getChannelId(), in.getPlatformMsgId(), e.getMessage());
            return WebhookResponse.refuse(503, "storage unavailable, retry later");
        }
        ctx.metrics().acked(in.getChannelId());
        ctx.inbound().dispatch(in.getConversationId());
        return WebhookResponse.json("{}");
    }

    private static JsonNode json(String s) {
        try {
            return JsonHttpClient.JSON.readTree(s);
        } catch (Exception e) {
            return null;
        }
    }
}

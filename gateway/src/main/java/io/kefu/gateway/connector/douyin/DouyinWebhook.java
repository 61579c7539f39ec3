package io.kefu.gateway.connector.douyin;

import com.fasterxml.jackson.databind.JsonNode;
import io.kefu.gateway.connector.ConnectorContext;
import io.kefu.gateway.connector.JsonHttpClient;
import io.kefu.gateway.connector.WebhookReceiver;
import io.kefu.gateway.connector.WebhookRequest;
import io.kefu.gateway.connector.WebhookResponse;
import io.kefu.handlers.redis.RedisUnavailableException;
import io.kefu.proto.v1.InboundMessage;
import io.kefu.proto.v1.Platform;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Douyin webhook, {@code POST /webhooks/douyin/{channelId}} (PLATFORMS.md §4). Checks run
 * before anything is stored: {@code X-Douyin-Signature} (401), a JSON body (400), then
 * {@code verify_webhook} is answered with its challenge, another app's {@code client_key} is 403,
 * and {@code im_receive_msg} is persisted — deduplicated on the {@code Msg-Id} header, since
 * delivery is neither ordered nor unique — before the 200 that acks it (Douyin retries 3 times
 * after 5 s; a 503 while Redis is down asks for exactly that).
 *
 * <p>Replay: the signature covers no timestamp, so a captured request would verify forever. The
 * event's own {@code create_time} (inside the signed body) must be within
 * {@code max_event_age_seconds} of now (default 30 min, well beyond Douyin's retries) and not
 * more than 5 minutes ahead; older events are refused (401) as replays. Not documented by Douyin:
 * this is the careful choice.
 *
 * <p>The {@code im_receive_msg} content kefu reads (object, or the same as a JSON string):
 * {@code conversation_short_id}, {@code server_message_id}, {@code create_time} (ms or s),
 * {@code message_type} ("text"), {@code text}; the buyer is {@code from_user_id}, the store's
 * account {@code to_user_id}.
 */
final class DouyinWebhook implements WebhookReceiver {
    private static final Logger log = LoggerFactory.getLogger(DouyinWebhook.class);
    static final String RECEIVE = "im_receive_msg";
    static final int MAX_TEXT_CHARS = 4000;
    static final long MAX_FUTURE_MS = 5 * 60_000;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_\\-.=+/@]{1,128}");

    private final ConnectorContext ctx;
    private final DouyinSettings settings;

    DouyinWebhook(ConnectorContext ctx, DouyinSettings settings) {
        this.ctx = ctx;
        this.settings = settings;
    }

    @Override
    public WebhookResponse handle(WebhookRequest req) {
        if (!req.method().equals("POST")) {
            return WebhookResponse.refuse(405, "Douyin events are POSTed");
        }
        if (!DouyinSignature.valid(settings.clientSecret(), req.body(), req.header("X-Douyin-Signature"))) {
            return WebhookResponse.refuse(401, "missing or bad X-Douyin-Signature");
        }
        JsonNode body = json(req.bodyText());
        if (body == null || !body.isObject()) {
            return WebhookResponse.refuse(400, "body is not a JSON object");
        }
        String event = body.path("event").asText("");
        JsonNode content = body.path("content");
        if (content.isTextual()) {
            content = json(content.asText());
            if (content == null) {
                return WebhookResponse.refuse(400, "content is not JSON");
            }
        }
        if (event.equals("verify_webhook")) {
            JsonNode challenge = content.path("challenge");
            if (challenge.isMissingNode() || challenge.isNull()) {
                return WebhookResponse.refuse(400, "verify_webhook without a challenge");
            }
            // Echo the number as a number (and anything else as it came).
            return WebhookResponse.json(JsonHttpClient.JSON.createObjectNode().set("challenge", challenge).toString());
        }
        String clientKey = body.path("client_key").asText("");
        if (!clientKey.isEmpty() && !clientKey.equals(settings.clientKey())) {
            return WebhookResponse.refuse(403, "event for another app (client_key " + clientKey + ")");
        }
        if (!event.equals(RECEIVE)) {
            return WebhookResponse.json("{}"); // other events: acknowledged, not for the bot
        }
        return receive(req, body, content);
    }

    private WebhookResponse receive(WebhookRequest req, JsonNode body, JsonNode content) {
        String buyer = body.path("from_user_id").asText("");
        String account = body.path("to_user_id").asText("");
        String conversation = content.path("conversation_short_id").asText("");
        String msgId = req.header("Msg-Id");
        if (msgId == null || msgId.isBlank()) {
            msgId = content.path("server_message_id").asText("");
        }
        if (!ID.matcher(buyer).matches() || !ID.matcher(account).matches() || !ID.matcher(conversation).matches()
                || !ID.matcher(msgId).matches()) {
            return WebhookResponse.refuse(400, "im_receive_msg without valid from_user_id, to_user_id, conversation_short_id or Msg-Id");
        }
        long created = content.path("create_time").asLong(0);
        if (created > 0 && created < 100_000_000_000L) {
            created *= 1000; // seconds
        }
        long now = ctx.clock().millis();
        if (created > 0 && (now - created > settings.maxEventAge().toMillis() || created - now > MAX_FUTURE_MS)) {
            return WebhookResponse.refuse(401, "stale event: create_time outside the accepted window (replay?)");
        }
        if (!"text".equals(content.path("message_type").asText("text"))) {
            return WebhookResponse.json("{}");
        }
        String text = content.path("text").asText("");
        if (text.length() > MAX_TEXT_CHARS) {
            return WebhookResponse.refuse(413, "text longer than " + MAX_TEXT_CHARS + " characters");
        }
        if (text.isBlank()) {
            return WebhookResponse.json("{}");
        }
        String channelId = ctx.channel().id();
        InboundMessage in = InboundMessage.newBuilder()
                .setPlatform(Platform.DOUYIN)
                .setChannelId(channelId)
                .setStoreId(ctx.store().id())
                .setConversationId(DouyinConversations.id(channelId, account, conversation, buyer))
                .setBuyerId(buyer)
                .setPlatformMsgId(msgId)
                .setText(text)
                .setSentAt(created > 0 ? created : now)
                .build();
        try {
            ctx.inbound().persist(in);
        } catch (RedisUnavailableException e) {
            log.warn("Douyin channel {}: not acking Msg-Id {}: {}", channelId, msgId, e.getMessage());
            return WebhookResponse.refuse(503, "storage unavailable, retry later");
        }
        ctx.metrics().acked(channelId);
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

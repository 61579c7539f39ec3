package io.kefu.gateway.connector.wecom;

import io.kefu.gateway.connector.ConnectorContext;
import io.kefu.gateway.connector.WebhookReceiver;
import io.kefu.gateway.connector.WebhookRequest;
import io.kefu.gateway.connector.WebhookResponse;
import io.kefu.handlers.redis.RedisUnavailableException;
import io.kefu.proto.v1.InboundMessage;
import io.kefu.proto.v1.Platform;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The callback URL of a WeCom app, {@code /webhooks/wecom/{channelId}}:
 * <ul>
 *   <li>{@code GET ?msg_signature&timestamp&nonce&echostr} — URL verification: answer the decrypted echostr;</li>
 *   <li>{@code POST ?msg_signature&timestamp&nonce} with an XML or JSON envelope — signature, then AES,
 *       then: a self-built app's text message is persisted (dedup on MsgId) before "success" is
 *       answered; a 微信客服 {@code kf_msg_or_event} starts a {@link WeChatKfSync} pull and is
 *       answered at once (the pull persists before it moves the cursor).</li>
 * </ul>
 * Checks run cheapest-first and before anything is stored: missing parameters or a bad signature
 * → 401, a timestamp more than 5 minutes off → 401 (WeCom documents no replay window; this is the
 * careful choice — the signature covers the timestamp, so a captured callback cannot be re-dated),
 * a message for another corp → 403, undecodable content → 400.
 */
final class WeComCallbackWebhook implements WebhookReceiver {
    private static final Logger log = LoggerFactory.getLogger(WeComCallbackWebhook.class);
    static final long MAX_SKEW_SECONDS = 300;
    static final int MAX_TEXT_CHARS = 4000;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_\\-@.=]{1,128}");

    private final ConnectorContext ctx;
    private final WeComSettings settings;
    private final WeComCallbackCrypto crypto;
    private final WeChatKfSync kf;

    WeComCallbackWebhook(ConnectorContext ctx, WeComSettings settings, WeComCallbackCrypto crypto, WeChatKfSync kf) {
        this.ctx = ctx;
        this.settings = settings;
        this.crypto = crypto;
        this.kf = kf;
    }

    @Override
    public WebhookResponse handle(WebhookRequest req) {
        String signature = req.param("msg_signature");
        String timestamp = req.param("timestamp");
        String nonce = req.param("nonce");
        if (signature == null || timestamp == null || nonce == null) {
            return WebhookResponse.refuse(401, "msg_signature, timestamp and nonce are required");
        }
        String stale = staleness(timestamp);
        if (stale != null) {
            return WebhookResponse.refuse(401, stale);
        }
        return switch (req.method()) {
            case "GET" -> verifyUrl(req, signature, timestamp, nonce);
            case "POST" -> callback(req, signature, timestamp, nonce);
            default -> WebhookResponse.refuse(405, "GET (URL verification) or POST (callbacks) only");
        };
    }

    private String staleness(String timestamp) {
        long ts;
        try {
            ts = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return "timestamp is not a number";
        }
        return Math.abs(ctx.clock().millis() / 1000 - ts) > MAX_SKEW_SECONDS ? "stale request: timestamp more than 5 minutes from now" : null;
    }

    private WebhookResponse verifyUrl(WebhookRequest req, String signature, String timestamp, String nonce) {
        String echostr = req.param("echostr");
        if (echostr == null || !WeComCallbackCrypto.verify(settings.callbackToken(), timestamp, nonce, echostr, signature)) {
            return WebhookResponse.refuse(401, "bad signature");
        }
        try {
            return WebhookResponse.text(crypto.decrypt(echostr));
        } catch (WeComCallbackCrypto.CryptoException e) {
            return WebhookResponse.refuse(e.wrongReceiver() ? 403 : 400, e.getMessage());
        }
    }

    private WebhookResponse callback(WebhookRequest req, String signature, String timestamp, String nonce) {
        Map<String, String> outer;
        try {
            outer = WeComCallbackBody.parse(req.body());
        } catch (WeComCallbackBody.MalformedException e) {
            return WebhookResponse.refuse(400, e.getMessage());
        }
        String encrypt = outer.get("Encrypt");
        if (encrypt == null || encrypt.isEmpty()) {
            return WebhookResponse.refuse(400, "no Encrypt field");
        }
        if (!WeComCallbackCrypto.verify(settings.callbackToken(), timestamp, nonce, encrypt, signature)) {
            return WebhookResponse.refuse(401, "bad signature");
        }
        Map<String, String> inner;
        try {
            inner = WeComCallbackBody.parse(crypto.decrypt(encrypt));
        } catch (WeComCallbackCrypto.CryptoException e) {
            return WebhookResponse.refuse(e.wrongReceiver() ? 403 : 400, e.getMessage());
        } catch (WeComCallbackBody.MalformedException e) {
            return WebhookResponse.refuse(400, "decrypted " + e.getMessage());
        }
        String msgType = inner.getOrDefault("MsgType", "");
        if (msgType.equals("event") && "kf_msg_or_event".equals(inner.get("Event"))) {
            String openKfId = inner.getOrDefault("OpenKfId", "");
            if (!ID.matcher(openKfId).matches()) {
                return WebhookResponse.refuse(400, "kf_msg_or_event without a valid OpenKfId");
            }
            kf.pull(openKfId, inner.get("Token"));
            ctx.metrics().acked(ctx.channel().id());
            return WebhookResponse.text("success");
        }
        if (!msgType.equals("text")) {
            return WebhookResponse.text("success"); // other messages and events: acknowledged, not for the bot
        }
        return appText(inner);
    }

    private WebhookResponse appText(Map<String, String> m) {
        String user = m.getOrDefault("FromUserName", "");
        String msgId = m.getOrDefault("MsgId", "");
        String content = m.getOrDefault("Content", "");
        if (!ID.matcher(user).matches() || !ID.matcher(msgId).matches()) {
            return WebhookResponse.refuse(400, "text message without a valid FromUserName or MsgId");
        }
        if (content.length() > MAX_TEXT_CHARS) {
            return WebhookResponse.refuse(413, "text longer than " + MAX_TEXT_CHARS + " characters");
        }
        if (content.isBlank()) {
            return WebhookResponse.text("success");
        }
        long createTime;
        try {
            createTime = Long.parseLong(m.getOrDefault("CreateTime", "0")) * 1000;
        } catch (NumberFormatException e) {
            createTime = 0;
        }
        String channelId = ctx.channel().id();
        InboundMessage in = InboundMessage.newBuilder()
                .setPlatform(Platform.WECOM)
                .setChannelId(channelId)
                .setStoreId(ctx.store().id())
                .setConversationId(WeComConversations.app(channelId, user))
                .setBuyerId(user)
                .setPlatformMsgId(msgId)
                .setText(content)
                .setSentAt(createTime > 0 ? createTime : ctx.clock().millis())
                .build();
        try {
            ctx.inbound().persist(in);
        } catch (RedisUnavailableException e) {
            log.warn("WeCom channel {}: not acking MsgId {}: {}", channelId, msgId, e.getMessage());
            return WebhookResponse.refuse(503, "storage unavailable, retry later");
        }
        ctx.metrics().acked(channelId);
        ctx.inbound().dispatch(in.getConversationId());
        return WebhookResponse.text("success");
    }
}

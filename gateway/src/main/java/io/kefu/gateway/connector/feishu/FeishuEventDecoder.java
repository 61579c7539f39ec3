package io.kefu.gateway.connector.feishu;

import com.fasterxml.jackson.databind.JsonNode;
import io.kefu.gateway.connector.JsonHttpClient;
import io.kefu.proto.v1.InboundMessage;
import io.kefu.proto.v1.Platform;
import java.util.regex.Pattern;

/**
 * Turns a Feishu event (schema 2.0, the same JSON on the long connection and the webhook) into an
 * {@link InboundMessage}, or says why not. Only {@code im.message.receive_v1} text messages from
 * users are buyer messages; other events, other message types and app senders are acknowledged
 * and ignored. The dedup key is {@code header.event_id}, as the platform documents.
 */
final class FeishuEventDecoder {
    static final String RECEIVE = "im.message.receive_v1";
    static final int MAX_TEXT_CHARS = 4000;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    sealed interface Decoded {}

    record Message(InboundMessage message) implements Decoded {}

    record Ignored(String reason) implements Decoded {}

    record Malformed(String reason) implements Decoded {}

    private final String channelId;
    private final String storeId;
    private final String appId;

    FeishuEventDecoder(String channelId, String storeId, String appId) {
        this.channelId = channelId;
        this.storeId = storeId;
        this.appId = appId;
    }

    Decoded decode(byte[] payload) {
        JsonNode json;
        try {
            json = JsonHttpClient.JSON.readTree(payload);
        } catch (Exception e) {
            return new Malformed("event payload is not JSON");
        }
        return decode(json);
    }

    Decoded decode(JsonNode root) {
        if (root == null || !root.isObject()) {
            return new Malformed("event payload is not an object");
        }
        JsonNode header = root.path("header");
        if (!"2.0".equals(root.path("schema").asText()) || !header.isObject()) {
            return new Ignored("not a schema 2.0 event");
        }
        String eventId = header.path("event_id").asText("");
        if (!ID.matcher(eventId).matches()) {
            return new Malformed("missing or invalid header.event_id");
        }
        String app = header.path("app_id").asText("");
        if (!app.isEmpty() && !app.equals(appId)) {
            return new Malformed("event for app " + app);
        }
        if (!RECEIVE.equals(header.path("event_type").asText())) {
            return new Ignored("event type " + header.path("event_type").asText());
        }
        JsonNode event = root.path("event");
        JsonNode sender = event.path("sender");
        if (!"user".equals(sender.path("sender_type").asText("user"))) {
            return new Ignored("sent by " + sender.path("sender_type").asText());
        }
        JsonNode message = event.path("message");
        String chatId = message.path("chat_id").asText("");
        String openId = sender.path("sender_id").path("open_id").asText("");
        if (!ID.matcher(chatId).matches() || !ID.matcher(openId).matches()) {
            return new Malformed("message without a valid chat_id or sender open_id");
        }
        if (!"text".equals(message.path("message_type").asText())) {
            return new Ignored("message type " + message.path("message_type").asText());
        }
        String text;
        try {
            // content is itself a JSON string: {"text":"…"}
            text = JsonHttpClient.JSON.readTree(message.path("content").asText("")).path("text").asText("");
        } catch (Exception e) {
            return new Malformed("message content is not JSON");
        }
        if (text.isBlank()) {
            return new Ignored("message without text");
        }
        if (text.length() > MAX_TEXT_CHARS) {
            return new Malformed("text longer than " + MAX_TEXT_CHARS + " characters");
        }
        long created = message.path("create_time").asLong(0);
        if (created == 0) {
            created = header.path("create_time").asLong(0);
        }
        return new Message(InboundMessage.newBuilder()
                .setPlatform(Platform.FEISHU)
                .setChannelId(channelId)
                .setStoreId(storeId)
                .setConversationId(FeishuConversations.id(channelId, chatId, openId))
                .setBuyerId(openId)
                .setPlatformMsgId(eventId)
                .setText(text)
                .setSentAt(created > 0 ? created : System.currentTimeMillis())
                .build());
    }
}

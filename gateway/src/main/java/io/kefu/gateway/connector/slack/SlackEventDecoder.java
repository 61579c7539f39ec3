package io.kefu.gateway.connector.slack;

import com.fasterxml.jackson.databind.JsonNode;
import io.kefu.proto.v1.InboundMessage;
import io.kefu.proto.v1.Platform;
import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * Turns an Events API payload ({@code {"type":"event_callback","event_id",…,"event":{…}}}, the
 * same in Socket Mode envelopes and webhooks) into an {@link InboundMessage}, or says why not.
 * Only plain {@code message} events from people are buyer messages: edits, joins and bot posts
 * (our own replies come back as events too) are acknowledged and ignored.
 */
final class SlackEventDecoder {
    static final int MAX_TEXT_CHARS = 4000;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    sealed interface Decoded {}

    record Message(InboundMessage message) implements Decoded {}

    record Ignored(String reason) implements Decoded {}

    record Malformed(String reason) implements Decoded {}

    private final String channelId;
    private final String storeId;
    private volatile String botUserId;

    SlackEventDecoder(String channelId, String storeId) {
        this.channelId = channelId;
        this.storeId = storeId;
    }

    void botUserId(String id) {
        this.botUserId = id;
    }

    Decoded decode(JsonNode payload) {
        if (payload == null || !payload.isObject()) {
            return new Malformed("payload is not an object");
        }
        if (!"event_callback".equals(payload.path("type").asText())) {
            return new Ignored("payload type " + payload.path("type").asText());
        }
        String eventId = payload.path("event_id").asText("");
        if (!ID.matcher(eventId).matches()) {
            return new Malformed("missing or invalid event_id");
        }
        JsonNode e = payload.path("event");
        if (!e.isObject()) {
            return new Malformed("event_callback without an event");
        }
        if (!"message".equals(e.path("type").asText())) {
            return new Ignored("event type " + e.path("type").asText());
        }
        if (e.hasNonNull("subtype") || e.hasNonNull("bot_id") || e.path("user").asText("").equals(botUserId)) {
            return new Ignored("not a person's new message");
        }
        String channel = e.path("channel").asText("");
        String user = e.path("user").asText("");
        if (!ID.matcher(channel).matches() || !ID.matcher(user).matches()) {
            return new Malformed("message without a valid channel or user");
        }
        JsonNode text = e.path("text");
        if (!text.isTextual() || text.asText().isBlank()) {
            return new Ignored("message without text");
        }
        if (text.asText().length() > MAX_TEXT_CHARS) {
            return new Malformed("text longer than " + MAX_TEXT_CHARS + " characters");
        }
        return new Message(InboundMessage.newBuilder()
                .setPlatform(Platform.SLACK)
                .setChannelId(channelId)
                .setStoreId(storeId)
                .setConversationId(SlackConversations.id(channelId, channel, user))
                .setBuyerId(user)
                .setPlatformMsgId(eventId)
                .setText(text.asText())
                .setSentAt(sentAt(e.path("ts").asText(""), payload.path("event_time").asLong(0)))
                .build());
    }

    private static long sentAt(String ts, long eventTime) {
        try {
            return new BigDecimal(ts).movePointRight(3).longValue();
        } catch (NumberFormatException e) {
            return eventTime * 1000;
        }
    }
}

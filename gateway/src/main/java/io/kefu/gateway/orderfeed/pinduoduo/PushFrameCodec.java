package io.kefu.gateway.orderfeed.pinduoduo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * JSON text frames of the Pinduoduo push link. Decoding is lenient where the page is silent
 * (numbers may come as strings; {@code content} may be a JSON string or an already-nested object)
 * and strict where we could not act safely: a frame without a {@code commandType}, or an event
 * without an id (it could never be acknowledged), is malformed.
 */
public final class PushFrameCodec {
    static final ObjectMapper JSON = new ObjectMapper();

    /** A frame we cannot read; the caller counts and drops it, the link stays up. */
    public static final class MalformedFrameException extends Exception {
        public MalformedFrameException(String message) {
            super(message);
        }
    }

    private PushFrameCodec() {
    }

    public static PushFrame decode(String text) throws MalformedFrameException {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new MalformedFrameException("not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new MalformedFrameException("not a JSON object");
        }
        String command = root.path("commandType").asText("");
        if (command.isEmpty()) {
            throw new MalformedFrameException("no commandType");
        }
        JsonNode id = root.get("id");
        JsonNode message = root.path("message");
        if (PushFrame.COMMON.equals(command)) {
            if (id == null || id.isNull() || id.isContainerNode() || id.asText().isEmpty()) {
                throw new MalformedFrameException("event without id");
            }
        }
        JsonNode content = message.get("content");
        String contentText = content == null || content.isNull() ? "" : content.isTextual() ? content.asText() : content.toString();
        return new PushFrame(command, id, millis(root.get("time")), root.get("sendTime"), message.path("type").asText(""),
                message.get("mallID"), contentText);
    }

    /** The client heartbeat, {@code {"commandType":"HeartBeat","time":ms}}. */
    public static String heartbeat(long nowMs) {
        ObjectNode n = JSON.createObjectNode();
        n.put("commandType", PushFrame.HEARTBEAT);
        n.put("time", nowMs);
        return n.toString();
    }

    /** The Ack for an event: its id, sendTime, type and mallID echoed as they came, plus our time. */
    public static String ack(PushFrame event, long nowMs) {
        ObjectNode n = JSON.createObjectNode();
        n.put("commandType", PushFrame.ACK);
        n.set("id", event.id());
        n.set("sendTime", event.sendTime());
        n.put("type", event.type());
        n.set("mallID", event.mallId());
        n.put("time", nowMs);
        return n.toString();
    }

    /** ms since the epoch from a number or a numeric string; 0 when absent or unreadable. */
    static long millis(JsonNode v) {
        if (v == null || v.isNull()) {
            return 0;
        }
        if (v.isIntegralNumber()) {
            return v.asLong();
        }
        try {
            return Long.parseLong(v.asText().trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}

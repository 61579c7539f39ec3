package io.kefu.gateway.orderfeed.pinduoduo;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One inbound frame (PLATFORMS.md §6): {@code {"id","commandType","time","sendTime","message":
 * {"type","mallID","content"}}}. {@code id} is kept as the JSON node it came as (number or string)
 * so the Ack echoes it unchanged; {@code content} is the message's JSON text.
 */
public record PushFrame(String commandType, JsonNode id, long time, JsonNode sendTime, String type, JsonNode mallId, String content) {
    public static final String COMMON = "Common";
    public static final String HEARTBEAT = "HeartBeat";
    public static final String ACK = "Ack";
    public static final String FAIL = "Fail";

    /** The id as text, for dedup and logs ("" when absent). */
    public String idText() {
        return id == null || id.isNull() || id.isContainerNode() ? "" : id.asText();
    }

    public String mallIdText() {
        return mallId == null || mallId.isNull() ? "" : mallId.asText();
    }
}

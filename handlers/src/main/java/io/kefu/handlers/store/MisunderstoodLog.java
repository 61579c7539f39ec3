package io.kefu.handlers.store;

import io.kefu.handlers.redis.RedisKeys;
import io.kefu.nlp.Prediction;
import io.kefu.proto.v1.InboundMessage;
import java.util.LinkedHashMap;
import java.util.Map;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.XAddParams;

/**
 * Utterances the bot did not understand, for trainers to label and feed back into training.
 * A capped Redis stream (about the last 100,000 entries).
 */
public final class MisunderstoodLog {
    static final long MAX_LEN = 100_000;
    private final UnifiedJedis redis;

    public MisunderstoodLog(UnifiedJedis redis) {
        this.redis = redis;
    }

    public void record(InboundMessage m, Prediction p, String modelId) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("text", m.getText());
        fields.put("prediction", p.intent());
        fields.put("confidence", String.format(java.util.Locale.ROOT, "%.4f", p.confidence()));
        fields.put("conversation", m.getConversationId());
        fields.put("store", m.getStoreId());
        fields.put("msg_id", m.getPlatformMsgId());
        fields.put("model", modelId);
        fields.put("at", Long.toString(m.getReceivedAt()));
        redis.xadd(RedisKeys.misunderstood(), XAddParams.xAddParams().maxLen(MAX_LEN).approximateTrimming(), fields);
    }
}

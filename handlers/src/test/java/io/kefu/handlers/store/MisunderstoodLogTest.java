package io.kefu.handlers.store;

import static io.kefu.handlers.fixtures.Fixtures.msg;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kefu.handlers.redis.RedisKeys;
import io.kefu.handlers.testing.RedisExtension;
import io.kefu.nlp.Prediction;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.resps.StreamEntry;

class MisunderstoodLogTest {
    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    @Test
    void recordsEveryFieldATrainerNeeds() {
        MisunderstoodLog log = new MisunderstoodLog(redis.client());
        Prediction p = new Prediction("out_of_scope", 0.123456, List.of(new Prediction.ScoredIntent("out_of_scope", 0.123456)), true);
        log.record(msg("c1", "m1", "这个能当饭吃吗").toBuilder().setReceivedAt(1234).build(), p, "model-abc");
        log.record(msg("c2", "m2", "second").toBuilder().setReceivedAt(5678).build(), p, "model-abc");

        List<StreamEntry> entries = redis.client().xrange(RedisKeys.misunderstood(), "-", "+");
        assertEquals(2, entries.size());
        assertEquals(Map.of(
                "text", "这个能当饭吃吗",
                "prediction", "out_of_scope",
                "confidence", "0.1235",
                "conversation", "c1",
                "store", "demo",
                "msg_id", "m1",
                "model", "model-abc",
                "at", "1234"), entries.get(0).getFields());
        assertEquals("c2", entries.get(1).getFields().get("conversation"), "oldest first");
    }
}

package io.kefu.sandbox.stories;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kefu.gateway.KefuNode;
import io.kefu.gateway.openchannel.client.OpenChannelClient;
import io.kefu.handlers.testing.RedisExtension;
import io.kefu.handlers.testing.TestModels;
import io.kefu.proto.v1.Reply;
import io.kefu.sandbox.erp.ErpSimulator;
import io.kefu.sandbox.testing.ErpDemoStore;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Measures (prints, never asserts on time) the buyer-visible reply latency of turns that call the
 * ERP — a tracking question with the order number: order look-up + tracking look-up, both signed
 * HTTP to the simulator — next to turns that do not (thanks), one buyer, one message at a time,
 * over the open channel. The figures go to BENCHMARKS.md.
 */
class ErpReplyLatencyTest {
    static final Duration T = Duration.ofSeconds(30);
    static final int TURNS = 150;

    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    @Test
    void replyLatencyWithAndWithoutErpCalls() throws Exception {
        try (ErpSimulator erp = ErpSimulator.start(0, "lat-app", "lat-secret-0123456789")) {
            var config = ErpDemoStore.config(erp, "lat-app", "lat-secret-0123456789");
            try (KefuNode node = KefuNode.start(KefuNode.Options.of(config).port(0).host("127.0.0.1").redisUrl(redis.url())
                    .dataDir(Files.createTempDirectory("kefu-lat")).classifier(TestModels.fast()));
                 OpenChannelClient buyer = OpenChannelClient.connect(OpenChannelClient.uri("127.0.0.1", node.port(), "demo"), "demo-token", T)) {
                buyer.auth("lat-buyer", T);
                String order = erp.orders("lat-buyer").get(0).path("order_id").asText();
                List<Long> withErp = new ArrayList<>();
                List<Long> without = new ArrayList<>();
                int holding = 0;
                for (int i = 0; i < TURNS + 20; i++) {
                    boolean erpTurn = i % 2 == 0;
                    long start = System.nanoTime();
                    buyer.send("m" + i, erpTurn ? "订单" + order + "到哪了" : "谢谢").get();
                    Reply r = buyer.nextReply(T);
                    long micros = (System.nanoTime() - start) / 1000;
                    assertNotNull(r);
                    buyer.ackReply(r.getId());
                    if (r.getText().contains("正在为您查询")) {
                        holding++;
                        buyer.ackReply(buyer.nextReply(T).getId());
                    }
                    if (i >= 20) { // warm-up done
                        (erpTurn ? withErp : without).add(micros);
                    }
                    if (erpTurn) {
                        assertTrue(r.getText().contains("中通快递") || r.getText().contains("正在为您查询"), r.getText());
                    }
                }
                System.out.println("reply latency over the open channel (send → reply), " + TURNS / 2 + " turns each, ERP budget 800 ms:\n"
                        + "  with ERP calls (order + tracking look-up): " + summary(withErp) + ", holding replies: " + holding + "\n"
                        + "  without ERP calls (thanks):               " + summary(without));
            }
        }
    }

    private static String summary(List<Long> micros) {
        List<Long> s = new ArrayList<>(micros);
        Collections.sort(s);
        return String.format(Locale.ROOT, "p50 %.1f ms  p90 %.1f ms  p99 %.1f ms  max %.1f ms",
                s.get(s.size() / 2) / 1000.0, s.get((int) (s.size() * 0.9)) / 1000.0,
                s.get(Math.min(s.size() - 1, (int) Math.ceil(s.size() * 0.99) - 1)) / 1000.0, s.get(s.size() - 1) / 1000.0);
    }
}

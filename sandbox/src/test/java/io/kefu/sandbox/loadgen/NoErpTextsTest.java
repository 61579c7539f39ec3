package io.kefu.sandbox.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kefu.gateway.KefuNode;
import io.kefu.gateway.openchannel.client.OpenChannelClient;
import io.kefu.handlers.redis.RedisKeys;
import io.kefu.handlers.testing.RedisExtension;
import io.kefu.handlers.testing.TestModels;
import io.kefu.proto.v1.Reply;
import io.kefu.sandbox.erp.ErpSimulator;
import io.kefu.sandbox.testing.ErpDemoStore;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * `./kefu bench --texts no-erp` claims its texts are answered without the ERP: each one, from a fresh
 * buyer, against the demo store wired to the ERP simulator, must get an answer while the simulator
 * sees no request at all — and no hand-off, which would stop the bot answering that buyer.
 */
class NoErpTextsTest {
    static final Duration T = Duration.ofSeconds(20);

    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    @TempDir
    Path dataDir;

    @Test
    void everyNoErpTextIsAnsweredWithoutAnErpRequestOrAHandoff() throws Exception {
        try (ErpSimulator erp = ErpSimulator.start(0, "noerp-app", "noerp-secret-0123456789")) {
            var config = ErpDemoStore.config(erp, "noerp-app", "noerp-secret-0123456789");
            try (KefuNode node = KefuNode.start(KefuNode.Options.of(config).port(0).host("127.0.0.1").redisUrl(redis.url())
                    .dataDir(dataDir).classifier(TestModels.fast()))) {
                long before = erp.requests();
                int n = 0;
                for (String text : BuyerTexts.NO_ERP) {
                    n++;
                    try (OpenChannelClient buyer = OpenChannelClient.connect(
                            OpenChannelClient.uri("127.0.0.1", node.port(), "demo"), "demo-token", T)) {
                        String conversation = buyer.auth("no-erp-" + n, T).getConversationId();
                        buyer.send("m1", text).get();
                        Reply r = buyer.nextReply(T);
                        assertNotNull(r, "no reply to \"" + text + "\"");
                        assertFalse(r.getText().isBlank(), "an empty reply to \"" + text + "\"");
                        buyer.ackReply(r.getId());
                        assertFalse(redis.client().exists(RedisKeys.ticket(conversation)), "\"" + text + "\" handed the buyer to a person");
                    }
                    assertEquals(before, erp.requests(), "\"" + text + "\" made an ERP request");
                }
                assertTrue(n >= 20, "a real mix of texts, not a handful: " + n);
            }
        }
    }
}

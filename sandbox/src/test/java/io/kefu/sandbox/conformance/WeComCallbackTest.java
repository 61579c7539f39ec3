package io.kefu.sandbox.conformance;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kefu.sandbox.sim.wecom.WeComSimulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** WeCom behaviour beyond the shared suite: URL verification, JSON envelopes, tokens, cursor, wrong channels. */
class WeComCallbackTest extends PlatformNodeTest<WeComDriver> {
    @Test
    void urlVerificationEchoesTheDecryptedEchostr() {
        start(new WeComDriver(false));
        assertEquals("1616140317555161061", platform.sim.verifyUrl("1616140317555161061"));
    }

    @Test
    void jsonEnvelopeWorksLikeXml() {
        start(new WeComDriver(false));
        platform.sim.jsonEnvelope(true);
        platform.buyerSays("json-buyer", "在吗");
        await().atMost(T).until(() -> platform.repliesTo("json-buyer").size() == 1);
    }

    @Test
    void expiredAccessTokenIsRefreshedAndTheReplySentOnce() {
        start(new WeComDriver(false));
        platform.buyerSays("tok", "在吗");
        await().atMost(T).until(() -> platform.repliesTo("tok").size() == 1);
        int issued = platform.sim.tokensIssued();
        platform.sim.expireTokens();
        platform.buyerSays("tok", "where is my parcel?");
        await().atMost(T).until(() -> platform.repliesTo("tok").size() == 2);
        assertEquals(issued + 1, platform.sim.tokensIssued());
    }

    @Test
    void kfCursorSurvivesARestartSoOldMessagesAreNotPulledAgain() {
        start(new WeComDriver(true));
        platform.buyerSays("cursor", "在吗");
        await().atMost(T).until(() -> platform.repliesTo("cursor").size() == 1);
        String cursor = redis.client().get("kefu:connector:wechat-kf:kf_cursor:" + WeComDriver.OPEN_KFID);
        assertTrue(cursor != null && !cursor.isEmpty());
        node.close();
        // Restart: the catch-up pull starts from the stored cursor; nothing is answered twice.
        node = startNode(platform);
        platform.nodeStarted(node);
        platform.buyerSays("cursor", "how long does shipping take?");
        await().atMost(T).until(() -> platform.repliesTo("cursor").size() == 2);
        assertEquals(0, Metrics.sum(node, "kefu_messages_duplicate_total{channel=\"wechat-kf\"}"));
    }

    @Test
    void wrongChannelAndWrongCorpAreRefusedAndNothingStored() throws Exception {
        start(new WeComDriver(false));
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port()
                + "/webhooks/wecom/no-such-channel?msg_signature=x&timestamp=1&nonce=1")).POST(HttpRequest.BodyPublishers.ofString("<xml/>"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, r.statusCode());
        r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + "/webhooks/slack/wecom-app"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, r.statusCode());
        assertEquals(Java.emptyKeys(), redis.client().keys("kefu:{*"));
    }

    @Test
    void refusedSecretStopsTheNodeWithTheKeyNamed() throws Exception {
        WeComDriver bad = new WeComDriver(false) {
            @Override
            public String channelYaml() {
                return super.channelYaml().replace("secret: " + WeComSimulator.SECRET, "secret: wrong");
            }
        };
        Exception e = startFails(bad);
        assertTrue(e.getMessage().contains("stores[0].channels[0].settings.secret"), e.getMessage());
    }

    private static final class Java {
        static java.util.Set<String> emptyKeys() {
            return java.util.Set.of();
        }
    }
}

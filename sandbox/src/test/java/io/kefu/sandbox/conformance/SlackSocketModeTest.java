package io.kefu.sandbox.conformance;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kefu.sandbox.sim.slack.SlackSimulator;
import org.junit.jupiter.api.Test;

/** Socket Mode behaviour beyond the shared suite: hand-over on disconnect, zombies, fragments, credentials. */
class SlackSocketModeTest extends PlatformNodeTest<SlackSocketModeDriver> {
    @Test
    void disconnectWarningOpensTheNextSocketBeforeClosingTheOld() {
        start(new SlackSocketModeDriver());
        SlackSimulator sim = platform.sim;
        platform.buyerSays("handover", "在吗");
        await().atMost(T).until(() -> platform.repliesTo("handover").size() == 1);
        sim.sendDisconnect("warning");
        // kefu opened a second socket, got its hello, and closed the warned one itself.
        await().atMost(T).until(() -> sim.connectionsOpened() == 2 && sim.openSockets() == 1 && sim.hasGreetedSocket());
        assertEquals(1, metric("kefu_connector_reconnects_total"));
        platform.buyerSays("handover", "where is my parcel?");
        await().atMost(T).until(() -> platform.repliesTo("handover").size() == 2);
        assertEquals(0, sim.retriedDeliveries());
    }

    @Test
    void aSocketThatStopsAnsweringPingsIsReplaced() {
        start(new SlackSocketModeDriver("slack-zombie", true, 200));
        SlackSimulator sim = platform.sim;
        sim.answerPings(false);
        await().atMost(T).until(() -> metric("kefu_connector_dropped_total", "reason", "zombie") >= 1);
        sim.answerPings(true);
        await().atMost(T).until(() -> sim.connectionsOpened() >= 2 && sim.hasGreetedSocket());
        platform.buyerSays("after-zombie", "在吗");
        await().atMost(T).until(() -> platform.repliesTo("after-zombie").size() == 1);
    }

    @Test
    void fragmentedEnvelopesAreReassembledAndBinaryFramesDropped() {
        start(new SlackSocketModeDriver());
        SlackSimulator sim = platform.sim;
        sim.sendBinary(new byte[] {1, 2, 3});
        await().atMost(T).until(() -> metric("kefu_connector_dropped_total", "reason", "malformed") == 1);
        sim.userSaysFragmented(SlackSocketModeDriver.dm("frag"), SlackSocketModeDriver.user("frag"), "在吗", 7);
        await().atMost(T).until(() -> platform.repliesTo("frag").size() == 1);
        assertEquals(1, sim.connectionsOpened());
    }

    @Test
    void theBotsOwnPostsEchoedBackAreIgnored() {
        start(new SlackSocketModeDriver());
        platform.buyerSays("echo", "在吗");
        await().atMost(T).until(() -> platform.repliesTo("echo").size() == 1);
        // The echo of our reply is acked like any envelope but never becomes a buyer message.
        await().atMost(T).until(() -> platform.sim.deliveries().stream().filter(SlackSimulator.Envelope::acked).count() == 2);
        assertEquals(1, Metrics.sum(node, "kefu_messages_in_total{channel=\"" + platform.channelId() + "\"}"));
    }

    @Test
    void refusedAppTokenStopsTheNodeWithTheKeyNamed() throws Exception {
        SlackSocketModeDriver bad = new SlackSocketModeDriver() {
            @Override
            public String channelYaml() {
                return super.channelYaml().replace(SlackSimulator.APP_TOKEN, "xapp-wrong");
            }
        };
        Exception e = startFails(bad);
        assertTrue(e.getMessage().contains("stores[0].channels[0].settings.app_token"), e.getMessage());
        assertTrue(e.getMessage().contains("invalid_auth"), e.getMessage());
    }

    @Test
    void linkDisabledStopsReconnecting() {
        start(new SlackSocketModeDriver());
        platform.sim.disableLink();
        await().atMost(T).until(() -> metric("kefu_connector_state", "state", "failed") == 1);
        assertEquals(0, metric("kefu_connector_state", "state", "connected"));
    }

    @Test
    void eventsApiWebhookVerifiesReceivesAndDedupsRetries() {
        start(new SlackSocketModeDriver("slack-events", false, 1000));
        SlackSimulator sim = platform.sim;
        SlackSimulator.WebhookDelivery v = sim.postSigned(platform.webhook, "{\"type\":\"url_verification\",\"challenge\":\"c-123\"}",
                SlackSimulator.SIGNING_SECRET, System.currentTimeMillis() / 1000, 0);
        assertEquals(200, v.status());
        assertTrue(v.body().contains("\"challenge\":\"c-123\""), v.body());
        var payload = sim.eventPayload(SlackSocketModeDriver.dm("hook"), SlackSocketModeDriver.user("hook"), "在吗", null);
        assertEquals(200, sim.deliverWebhook(platform.webhook, payload).get(0).status());
        // Slack's retry of the same event (X-Slack-Retry-Num) is acked and deduplicated.
        assertEquals(200, sim.postSigned(platform.webhook, payload.toString(), SlackSimulator.SIGNING_SECRET,
                System.currentTimeMillis() / 1000, 1).status());
        await().atMost(T).until(() -> platform.repliesTo("hook").size() == 1);
        await().atMost(T).until(() -> Metrics.sum(node, "kefu_messages_duplicate_total{channel=\"slack-events\"}") == 1);
        assertEquals(400, sim.postSigned(platform.webhook, "not json", SlackSimulator.SIGNING_SECRET,
                System.currentTimeMillis() / 1000, 0).status());
        assertEquals(1, metric("kefu_connector_dropped_total", "reason", "malformed"));
    }
}

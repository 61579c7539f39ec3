package io.kefu.sandbox.conformance;

import io.kefu.gateway.KefuNode;
import io.kefu.sandbox.sim.slack.SlackSimulator;
import java.net.URI;
import java.util.List;

/**
 * Slack over Socket Mode. Each buyer is a person in their own DM ({@code D-<buyer>}). Signature
 * checks exercise the Events API request URL of the same app (Socket Mode frames are not signed).
 */
class SlackSocketModeDriver extends SimulatorDriver<SlackSimulator> {
    final boolean socketMode;
    private final long pingMs;
    URI webhook;

    SlackSocketModeDriver() {
        this("slack-sm", true, 1000);
    }

    SlackSocketModeDriver(String channelId, boolean socketMode, long pingMs) {
        super(new SlackSimulator(), channelId);
        this.socketMode = socketMode;
        this.pingMs = pingMs;
    }

    static String dm(String buyer) {
        return "D" + buyer.toUpperCase().replaceAll("[^A-Z0-9]", "");
    }

    static String user(String buyer) {
        return "U" + buyer.toUpperCase().replaceAll("[^A-Z0-9]", "");
    }

    @Override
    public String channelYaml() {
        return channelYaml("slack",
                "bot_token: " + SlackSimulator.BOT_TOKEN,
                socketMode ? "app_token: " + SlackSimulator.APP_TOKEN : null,
                "signing_secret: " + SlackSimulator.SIGNING_SECRET,
                "ping_interval_ms: " + pingMs);
    }

    @Override
    public void nodeStarted(KefuNode node) {
        webhook = webhookUrl(node, "slack");
    }

    @Override
    public String buyerSays(String buyer, String text) {
        return sim.userSays(dm(buyer), user(buyer), text);
    }

    @Override
    public void redeliver(String messageId) {
        sim.redeliver(messageId);
    }

    @Override
    public List<String> repliesTo(String buyer) {
        return sim.postsTo(dm(buyer)).stream().map(SlackSimulator.Post::text).toList();
    }

    @Override
    public int totalReplies() {
        return sim.posts().size();
    }

    @Override
    public long ackedWithinDeadline() {
        return sim.deliveries().stream().filter(e -> burstIds.contains(e.eventId) && e.retryAttempt() == 0 && e.acked()
                && e.ackMillis() <= SlackSimulator.ACK_DEADLINE.toMillis()).count();
    }

    @Override
    public long redeliveriesForMissedAcks() {
        return sim.retriedDeliveries();
    }

    @Override
    public int sendWithBadSignature(String buyer, String text) {
        String body = sim.eventPayload(dm(buyer), user(buyer), text, null).toString();
        return sim.postSigned(webhook, body, "not-the-signing-secret", System.currentTimeMillis() / 1000, 0).status();
    }

    @Override
    public int sendWithStaleTimestamp(String buyer, String text) {
        String body = sim.eventPayload(dm(buyer), user(buyer), text, null).toString();
        return sim.postSigned(webhook, body, SlackSimulator.SIGNING_SECRET, System.currentTimeMillis() / 1000 - 6 * 60, 0).status();
    }

    @Override
    public void sendMalformed() {
        sim.sendRaw("{\"type\":\"events_api\",\"envelope_id\": oops not json");
    }

    @Override
    public void rateLimitNextReplies(int n) {
        sim.rateLimitNextPosts(n, 1);
    }

    @Override
    public int rateLimitedReplies() {
        return sim.rateLimitedPosts();
    }

    @Override
    public boolean connected() {
        return !socketMode || sim.hasGreetedSocket();
    }
}

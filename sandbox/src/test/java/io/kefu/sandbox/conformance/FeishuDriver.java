package io.kefu.sandbox.conformance;

import io.kefu.gateway.KefuNode;
import io.kefu.sandbox.sim.feishu.FeishuSimulator;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Feishu over the long connection. Each buyer is a user in their own p2p chat
 * ({@code oc_p2p_<buyer>}). The long connection is not signed (kefu dials out), so signature and
 * replay checks exercise the same app's HTTP event subscription (encrypt_key set).
 */
class FeishuDriver extends SimulatorDriver<FeishuSimulator> {
    URI webhook;

    FeishuDriver() {
        super(new FeishuSimulator(), "feishu-lc");
    }

    static String chat(String buyer) {
        return "oc_p2p_" + buyer.replaceAll("[^A-Za-z0-9]", "");
    }

    static String user(String buyer) {
        return "ou_" + buyer.replaceAll("[^A-Za-z0-9]", "");
    }

    @Override
    public String channelYaml() {
        return channelYaml("feishu",
                "app_id: " + FeishuSimulator.APP_ID,
                "app_secret: " + FeishuSimulator.APP_SECRET,
                "encrypt_key: " + FeishuSimulator.ENCRYPT_KEY,
                "sends_per_second_per_chat: 5");
    }

    @Override
    public void nodeStarted(KefuNode node) {
        webhook = webhookUrl(node, "feishu");
    }

    @Override
    public String buyerSays(String buyer, String text) {
        return sim.userSays(chat(buyer), user(buyer), text);
    }

    @Override
    public void redeliver(String messageId) {
        sim.redeliver(messageId);
    }

    @Override
    public List<String> repliesTo(String buyer) {
        return sim.sentTo(chat(buyer)).stream().map(FeishuSimulator.Sent::text).toList();
    }

    @Override
    public int totalReplies() {
        return sim.sent().size();
    }

    @Override
    public long ackedWithinDeadline() {
        return sim.pushes().stream().filter(p -> burstIds.contains(p.eventId) && p.attempt == 0 && p.acked()
                && p.ackMillis() <= FeishuSimulator.ACK_DEADLINE.toMillis()).count();
    }

    @Override
    public long redeliveriesForMissedAcks() {
        return sim.pushes().stream().filter(p -> burstIds.contains(p.eventId) && p.attempt > 0).count();
    }

    @Override
    public int sendWithBadSignature(String buyer, String text) {
        return sim.postWebhookEvent(webhook, sim.newEventJson(chat(buyer), user(buyer), text), "not-the-encrypt-key",
                System.currentTimeMillis() / 1000);
    }

    @Override
    public int sendWithStaleTimestamp(String buyer, String text) {
        return sim.postWebhookEvent(webhook, sim.newEventJson(chat(buyer), user(buyer), text), FeishuSimulator.ENCRYPT_KEY,
                System.currentTimeMillis() / 1000 - 6 * 60);
    }

    @Override
    public void sendMalformed() {
        sim.sendRaw("\u0008\u00ff not a pbbp2 frame".getBytes(StandardCharsets.ISO_8859_1));
    }

    @Override
    public void rateLimitNextReplies(int n) {
        sim.rateLimitNextSends(n);
    }

    @Override
    public int rateLimitedReplies() {
        return sim.rateLimited();
    }

    @Override
    public boolean connected() {
        return sim.connected();
    }
}

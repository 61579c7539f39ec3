package io.kefu.sandbox.conformance;

import io.kefu.gateway.KefuNode;
import io.kefu.sandbox.sim.douyin.DouyinSimulator;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Douyin over its webhook; each buyer has their own conversation with the store's account. */
class DouyinDriver extends SimulatorDriver<DouyinSimulator> {

    DouyinDriver() {
        super(new DouyinSimulator(), "douyin");
    }

    static String user(String buyer) {
        return "_000" + buyer.replaceAll("[^A-Za-z0-9]", "");
    }

    static String conv(String buyer) {
        return "conv" + buyer.replaceAll("[^A-Za-z0-9]", "");
    }

    @Override
    public String channelYaml() {
        return channelYaml("douyin",
                "client_key: " + DouyinSimulator.CLIENT_KEY,
                "client_secret: " + DouyinSimulator.CLIENT_SECRET);
    }

    @Override
    public void nodeStarted(KefuNode node) {
        sim.webhookUrl(webhookUrl(node, "douyin"));
    }

    @Override
    public String buyerSays(String buyer, String text) {
        return sim.buyerSays(user(buyer), conv(buyer), text);
    }

    @Override
    public void redeliver(String messageId) {
        sim.redeliver(messageId);
    }

    @Override
    public List<String> repliesTo(String buyer) {
        String u = user(buyer);
        return sim.sent().stream().filter(s -> s.toUserId().equals(u)).map(DouyinSimulator.Sent::text).toList();
    }

    @Override
    public int totalReplies() {
        return sim.sent().size();
    }

    @Override
    CompletableFuture<?> burstMessage(String buyer, String text) {
        return sim.buyerSaysAsync(user(buyer), conv(buyer), text, burstIds);
    }

    @Override
    public long ackedWithinDeadline() {
        return sim.deliveries().stream().filter(d -> burstIds.contains(d.msgId()) && d.attempt() == 0 && d.acked()
                && d.millis() <= DouyinSimulator.DEADLINE.toMillis()).count();
    }

    @Override
    public long redeliveriesForMissedAcks() {
        return sim.deliveries().stream().filter(d -> burstIds.contains(d.msgId()) && d.attempt() > 0).count();
    }

    @Override
    public int sendWithBadSignature(String buyer, String text) {
        return sim.postOnce(sim.receiveBody(user(buyer), conv(buyer), text, System.currentTimeMillis()), "forged-1",
                "not-the-client-secret").statusCode();
    }

    @Override
    public int sendWithStaleTimestamp(String buyer, String text) {
        // Correctly signed, but the event is two hours old: a captured request replayed.
        return sim.postOnce(sim.receiveBody(user(buyer), conv(buyer), text, System.currentTimeMillis() - 2 * 3600_000L), "replayed-1",
                DouyinSimulator.CLIENT_SECRET).statusCode();
    }

    @Override
    public void sendMalformed() {
        int status = sim.postOnce("{\"event\":\"im_receive_msg\", oops", "junk-1", DouyinSimulator.CLIENT_SECRET).statusCode();
        if (status != 400) {
            throw new AssertionError("malformed webhook answered " + status);
        }
    }

    @Override
    public void rateLimitNextReplies(int n) {
        sim.rateLimitNextSends(n);
    }

    @Override
    public int rateLimitedReplies() {
        return sim.rateLimited();
    }
}

package io.kefu.sandbox.conformance;

import io.kefu.gateway.KefuNode;
import io.kefu.sandbox.sim.douyin.DouyinSimulator;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/** Douyin over its webhook; each buyer has their own conversation with the store's account. */
class DouyinDriver implements PlatformDriver {
    final DouyinSimulator sim = new DouyinSimulator();
    final String channelId = "douyin";
    private final Set<String> burstIds = ConcurrentHashMap.newKeySet();

    static String user(String buyer) {
        return "_000" + buyer.replaceAll("[^A-Za-z0-9]", "");
    }

    static String conv(String buyer) {
        return "conv" + buyer.replaceAll("[^A-Za-z0-9]", "");
    }

    @Override
    public String channelId() {
        return channelId;
    }

    @Override
    public String channelYaml() {
        return "      - id: " + channelId + "\n"
                + "        platform: douyin\n"
                + "        settings:\n"
                + "          client_key: " + DouyinSimulator.CLIENT_KEY + "\n"
                + "          client_secret: " + DouyinSimulator.CLIENT_SECRET + "\n"
                + "          base_url: " + sim.baseUrl() + "\n"
                + "          sends_per_second: 500\n";
    }

    @Override
    public void start() {
        sim.start();
    }

    @Override
    public void nodeStarted(KefuNode node) {
        sim.webhookUrl(URI.create("http://127.0.0.1:" + node.port() + "/webhooks/douyin/" + channelId));
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
    public void dropConnection() {
        sim.dropConnections();
    }

    @Override
    public void kill() {
        sim.kill();
    }

    @Override
    public void restart() {
        sim.restart();
    }

    @Override
    public List<String> burst(int n) {
        List<String> buyers = new ArrayList<>();
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String b = "burst" + i;
            buyers.add(b);
            all.add(sim.buyerSaysAsync(user(b), conv(b), i % 2 == 0 ? "在吗" : "hello", burstIds));
        }
        CompletableFuture.allOf(all.toArray(new CompletableFuture[0])).join();
        return buyers;
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

    @Override
    public boolean connected() {
        return true;
    }

    @Override
    public void close() {
        sim.close();
    }
}

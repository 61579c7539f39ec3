package io.kefu.sandbox.conformance;

import io.kefu.gateway.KefuNode;
import io.kefu.sandbox.sim.wecom.WeComSimulator;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * WeCom over its callback URL. {@code kf=false}: a self-built app's members write (the text is in
 * the callback; replies via message/send). {@code kf=true}: 微信客服 customers write (callback says
 * "pull"; kefu calls kf/sync_msg; replies via kf/send_msg). Signature checks use the app callback.
 */
class WeComDriver implements PlatformDriver {
    static final String OPEN_KFID = "wkSIMKF0000000001";
    final WeComSimulator sim = new WeComSimulator();
    final boolean kf;
    final String channelId;
    private final List<String> burstKeys = new CopyOnWriteArrayList<>();

    WeComDriver(boolean kf) {
        this.kf = kf;
        this.channelId = kf ? "wechat-kf" : "wecom-app";
    }

    String user(String buyer) {
        return kf ? "wm" + buyer.replaceAll("[^A-Za-z0-9]", "") : buyer;
    }

    @Override
    public String channelId() {
        return channelId;
    }

    @Override
    public String channelYaml() {
        return "      - id: " + channelId + "\n"
                + "        platform: " + (kf ? "wechat_kf" : "wecom") + "\n"
                + "        settings:\n"
                + "          corp_id: " + WeComSimulator.CORP_ID + "\n"
                + "          secret: " + WeComSimulator.SECRET + "\n"
                + "          callback_token: " + WeComSimulator.TOKEN + "\n"
                + "          aes_key: " + WeComSimulator.AES_KEY + "\n"
                + (kf ? "          open_kfid: " + OPEN_KFID + "\n" : "          agent_id: " + WeComSimulator.AGENT_ID + "\n")
                + "          base_url: " + sim.baseUrl() + "\n"
                + "          sends_per_second: 500\n";
    }

    @Override
    public void start() {
        sim.start();
    }

    @Override
    public void nodeStarted(KefuNode node) {
        sim.callbackUrl(URI.create("http://127.0.0.1:" + node.port() + "/webhooks/wecom/" + channelId));
    }

    @Override
    public String buyerSays(String buyer, String text) {
        return kf ? sim.kfCustomerSays(OPEN_KFID, user(buyer), text) : sim.appUserSays(user(buyer), text);
    }

    @Override
    public void redeliver(String messageId) {
        if (kf) {
            sim.redeliverKf(messageId);
        } else {
            sim.redeliverApp(messageId);
        }
    }

    @Override
    public List<String> repliesTo(String buyer) {
        String u = user(buyer);
        return sim.sent().stream().filter(s -> s.touser().equals(u)).map(WeComSimulator.Sent::content).toList();
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
            String text = i % 2 == 0 ? "在吗" : "hello";
            all.add(kf ? sim.kfCustomerSaysAsync(OPEN_KFID, user(b), text, burstKeys) : sim.appUserSaysAsync(user(b), text, burstKeys));
        }
        CompletableFuture.allOf(all.toArray(new CompletableFuture[0])).join();
        return buyers;
    }

    @Override
    public long ackedWithinDeadline() {
        return sim.firstAttempts(burstKeys).stream().filter(c -> c.acked() && c.millis() <= WeComSimulator.DEADLINE.toMillis()).count();
    }

    @Override
    public long redeliveriesForMissedAcks() {
        return sim.callbacks().stream().filter(c -> c.attempt() > 0 && burstKeys.contains(c.key())).count();
    }

    @Override
    public int sendWithBadSignature(String buyer, String text) {
        return sim.postAppCallback(buyer, text, System.currentTimeMillis() / 1000, "not-the-token");
    }

    @Override
    public int sendWithStaleTimestamp(String buyer, String text) {
        return sim.postAppCallback(buyer, text, System.currentTimeMillis() / 1000 - 600, WeComSimulator.TOKEN);
    }

    @Override
    public void sendMalformed() {
        int status = sim.postRaw("<xml><Encrypt><![CDATA[bm90IGEgcmVhbCBjaXBoZXJ0ZXh0]]></Encrypt></xml>", "bm90IGEgcmVhbCBjaXBoZXJ0ZXh0");
        if (status != 400) {
            throw new AssertionError("malformed callback answered " + status);
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

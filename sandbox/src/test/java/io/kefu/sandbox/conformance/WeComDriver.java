package io.kefu.sandbox.conformance;

import io.kefu.gateway.KefuNode;
import io.kefu.sandbox.sim.wecom.WeComSimulator;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * WeCom over its callback URL. {@code kf=false}: a self-built app's members write (the text is in
 * the callback; replies via message/send). {@code kf=true}: 微信客服 customers write (callback says
 * "pull"; kefu calls kf/sync_msg; replies via kf/send_msg). Signature checks use the app callback.
 */
class WeComDriver extends SimulatorDriver<WeComSimulator> {
    static final String OPEN_KFID = "wkSIMKF0000000001";
    final boolean kf;

    WeComDriver(boolean kf) {
        super(new WeComSimulator(), kf ? "wechat-kf" : "wecom-app");
        this.kf = kf;
    }

    String user(String buyer) {
        return kf ? "wm" + buyer.replaceAll("[^A-Za-z0-9]", "") : buyer;
    }

    @Override
    public String channelYaml() {
        return channelYaml(kf ? "wechat_kf" : "wecom",
                "corp_id: " + WeComSimulator.CORP_ID,
                "secret: " + WeComSimulator.SECRET,
                "callback_token: " + WeComSimulator.TOKEN,
                "aes_key: " + WeComSimulator.AES_KEY,
                kf ? "open_kfid: " + OPEN_KFID : "agent_id: " + WeComSimulator.AGENT_ID);
    }

    @Override
    public void nodeStarted(KefuNode node) {
        sim.callbackUrl(webhookUrl(node, "wecom"));
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
    CompletableFuture<?> burstMessage(String buyer, String text) {
        return kf ? sim.kfCustomerSaysAsync(OPEN_KFID, user(buyer), text, burstIds) : sim.appUserSaysAsync(user(buyer), text, burstIds);
    }

    @Override
    public long ackedWithinDeadline() {
        return sim.firstAttempts(burstIds).stream().filter(c -> c.acked() && c.millis() <= WeComSimulator.DEADLINE.toMillis()).count();
    }

    @Override
    public long redeliveriesForMissedAcks() {
        return sim.callbacks().stream().filter(c -> c.attempt() > 0 && burstIds.contains(c.key())).count();
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
}

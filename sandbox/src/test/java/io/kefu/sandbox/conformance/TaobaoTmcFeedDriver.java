package io.kefu.sandbox.conformance;

import io.kefu.sandbox.sim.taobao.TaobaoTmcSimulator;

/** Taobao TMC: trade-created messages; a topic kefu does not handle is poison (reported Failed). */
class TaobaoTmcFeedDriver extends OrderFeedDriver {
    final TaobaoTmcSimulator tmc;

    TaobaoTmcFeedDriver() {
        this(new TaobaoTmcSimulator());
    }

    private TaobaoTmcFeedDriver(TaobaoTmcSimulator tmc) {
        super(tmc);
        this.tmc = tmc;
    }

    @Override
    String feedYaml(String store, boolean wrongSecret) {
        return "  taobao:\n"
                + "    - store: " + store + "\n"
                + "      app_key: \"" + TaobaoTmcSimulator.APP_KEY + "\"\n"
                + "      app_secret: " + (wrongSecret ? "not-the-secret" : TaobaoTmcSimulator.APP_SECRET) + "\n"
                + "      url: " + tmc.url() + "\n"
                + "      pull_interval_ms: 200\n"
                + "      heartbeat_ms: 500\n";
    }

    @Override
    String channel(String store) {
        return "taobao:" + store + ":default";
    }

    @Override
    long publishOrder(String orderId, String buyerId) {
        return tmc.publish("taobao_trade_TradeCreate", "{\"tid\":\"" + orderId + "\",\"buyer_open_uid\":\"" + buyerId
                + "\",\"payment\":\"99.00\"}", System.currentTimeMillis());
    }

    @Override
    long publishPoison() {
        return tmc.publish("taobao_item_ItemAdd", "{\"num_iid\":1}", System.currentTimeMillis());
    }

    @Override
    boolean poisonSettled(long id) {
        return tmc.failed().containsKey(id);
    }

    @Override
    void sendMalformed() {
        tmc.sendRawWhenConnected(new byte[] {2, 2, 1, 0, (byte) 0xff}); // a SEND whose header runs off the end
    }

    @Override
    String refusalWords() {
        return "invalid sign";
    }
}

package io.kefu.sandbox.conformance;

import io.kefu.sandbox.sim.pinduoduo.PinduoduoPushSimulator;

/** Pinduoduo push: paid-order events (there is no created type); an unhandled type is poison (acked, so it stops coming). */
class PinduoduoPushFeedDriver extends OrderFeedDriver {
    final PinduoduoPushSimulator pdd;

    PinduoduoPushFeedDriver() {
        this(new PinduoduoPushSimulator());
    }

    private PinduoduoPushFeedDriver(PinduoduoPushSimulator pdd) {
        super(pdd);
        this.pdd = pdd;
    }

    @Override
    String feedYaml(String store, boolean wrongSecret) {
        return "  pinduoduo:\n"
                + "    - store: " + store + "\n"
                + "      client_id: " + PinduoduoPushSimulator.CLIENT_ID + "\n"
                + "      client_secret: " + (wrongSecret ? "not-the-secret" : PinduoduoPushSimulator.CLIENT_SECRET) + "\n"
                + "      mall_id: \"" + PinduoduoPushSimulator.MALL_ID + "\"\n"
                + "      url: " + pdd.url() + "\n"
                + "      heartbeat_ms: 500\n";
    }

    @Override
    String channel(String store) {
        return "pinduoduo:" + store + ":" + PinduoduoPushSimulator.CLIENT_ID;
    }

    @Override
    long publishOrder(String orderId, String buyerId) {
        return pdd.publish("pdd_trade_TradeConfirmed", "{\"tid\":\"" + orderId + "\",\"buyer_id\":\"" + buyerId
                + "\",\"pay_amount\":\"99.00\"}", System.currentTimeMillis());
    }

    @Override
    long publishPoison() {
        return pdd.publish("pdd_trade_TradeMemoModified", "{\"tid\":\"memo-1\"}", System.currentTimeMillis());
    }

    @Override
    boolean poisonSettled(long id) {
        return pdd.acks().containsKey(id);
    }

    @Override
    void sendMalformed() {
        pdd.sendRawWhenConnected("{\"commandType\":\"Common\",\"message\":"); // truncated JSON
    }

    @Override
    String refusalWords() {
        return "401";
    }
}

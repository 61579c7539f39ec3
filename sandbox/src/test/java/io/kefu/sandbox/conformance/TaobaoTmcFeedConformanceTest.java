package io.kefu.sandbox.conformance;

/** The order-feed conformance suite against the Taobao TMC simulator. */
class TaobaoTmcFeedConformanceTest extends OrderFeedConformanceTest {
    @Override
    OrderFeedDriver newDriver() {
        return new TaobaoTmcFeedDriver();
    }
}

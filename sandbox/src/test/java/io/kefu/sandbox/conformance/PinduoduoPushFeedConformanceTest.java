package io.kefu.sandbox.conformance;

/** The order-feed conformance suite against the Pinduoduo push simulator. */
class PinduoduoPushFeedConformanceTest extends OrderFeedConformanceTest {
    @Override
    OrderFeedDriver newDriver() {
        return new PinduoduoPushFeedDriver();
    }
}

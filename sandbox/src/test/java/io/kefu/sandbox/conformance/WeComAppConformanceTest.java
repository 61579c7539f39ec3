package io.kefu.sandbox.conformance;

/** The conformance suite against the WeCom simulator: a self-built app's message callbacks. */
class WeComAppConformanceTest extends ConnectorConformanceTest {
    @Override
    PlatformDriver newDriver() {
        return new WeComDriver(false);
    }

    @Override
    boolean isWebhookOnly() {
        return true;
    }
}

package io.kefu.sandbox.conformance;

/** The conformance suite against the Douyin simulator (webhook in, reply API out). */
class DouyinConformanceTest extends ConnectorConformanceTest {
    @Override
    PlatformDriver newDriver() {
        return new DouyinDriver();
    }

    @Override
    boolean isWebhookOnly() {
        return true;
    }
}

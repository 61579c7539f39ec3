package io.kefu.sandbox.conformance;

/** The conformance suite against the Feishu simulator over the long connection. */
class FeishuConformanceTest extends ConnectorConformanceTest {
    @Override
    PlatformDriver newDriver() {
        return new FeishuDriver();
    }
}

package io.kefu.sandbox.conformance;

/** The conformance suite against the WeCom simulator: 微信客服 kf_msg_or_event → sync_msg → send_msg. */
class WeChatKfConformanceTest extends ConnectorConformanceTest {
    @Override
    PlatformDriver newDriver() {
        return new WeComDriver(true);
    }

    @Override
    boolean isWebhookOnly() {
        return true;
    }
}

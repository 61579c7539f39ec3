package io.kefu.sandbox.conformance;

/** The conformance suite against the Slack simulator over Socket Mode. */
class SlackSocketModeConformanceTest extends ConnectorConformanceTest {
    @Override
    PlatformDriver newDriver() {
        return new SlackSocketModeDriver();
    }
}

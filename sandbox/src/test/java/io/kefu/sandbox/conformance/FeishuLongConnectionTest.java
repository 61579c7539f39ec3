package io.kefu.sandbox.conformance;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kefu.sandbox.sim.feishu.FeishuSimulator;
import org.junit.jupiter.api.Test;

/** Long-connection behaviour beyond the shared suite: fragments, ClientConfig from pongs, URL rotation, dead links, credentials. */
class FeishuLongConnectionTest extends PlatformNodeTest<FeishuDriver> {
    @Test
    void anEventSplitIntoShuffledFragmentsIsJoinedAckedAndAnsweredOnce() {
        start(new FeishuDriver());
        FeishuSimulator sim = platform.sim;
        sim.userSaysFragmented(FeishuDriver.chat("frag"), FeishuDriver.user("frag"), "where is my parcel?", 4);
        await().atMost(T).until(() -> platform.repliesTo("frag").size() == 1);
        await().atMost(T).until(() -> sim.pushes().stream().allMatch(FeishuSimulator.Push::acked));
        assertTrue(sim.pushes().stream().allMatch(p -> p.bizRt() != null && p.bizRt().matches("\\d+")));
        assertEquals(0, sim.repushes());
        assertEquals(0, sim.badClientFrames());
    }

    @Test
    void aPongsClientConfigIsApplied() {
        FeishuDriver d = new FeishuDriver();
        // The endpoint says "ping every 120 s"; the first pong says "every 1 s". Only applying the pong makes pings keep coming.
        d.sim.clientConfig(FeishuSimulator.clientConfigJson(-1, 1, 1, 120));
        d.sim.pongConfig(FeishuSimulator.clientConfigJson(-1, 1, 1, 1));
        start(d);
        await().atMost(T).until(() -> d.sim.pingServices().size() >= 4);
        assertTrue(d.sim.pingServices().stream().allMatch(s -> s == d.sim.serviceId()));
    }

    @Test
    void aRotatedUrlIsFollowedAndNothingIsLost() {
        start(new FeishuDriver());
        FeishuSimulator sim = platform.sim;
        int calls = sim.endpointCalls();
        int newService = sim.rotateUrl();
        platform.buyerSays("rotate", "在吗"); // pushed while kefu reconnects: queued by the platform
        await().atMost(T).until(() -> sim.endpointCalls() > calls && sim.connected());
        await().atMost(T).until(() -> sim.pingServices().contains(newService));
        await().atMost(T).until(() -> platform.repliesTo("rotate").size() == 1);
        assertTrue(metric("kefu_connector_reconnects_total") >= 1);
    }

    @Test
    void aSilentConnectionIsReplacedAndABusyEndpointRetried() {
        FeishuDriver d = new FeishuDriver();
        d.sim.clientConfig(FeishuSimulator.clientConfigJson(-1, 1, 1, 1));
        start(d);
        d.sim.endpointBusyFor(2);
        d.sim.answerPings(false);
        await().atMost(T).until(() -> metric("kefu_connector_dropped_total", "reason", "zombie") >= 1);
        d.sim.answerPings(true);
        await().atMost(T).until(() -> d.sim.connected() && metric("kefu_connector_reconnects_total") >= 1);
        platform.buyerSays("after-silence", "在吗");
        await().atMost(T).until(() -> platform.repliesTo("after-silence").size() == 1);
    }

    @Test
    void refusedCredentialsStopTheNodeWithTheKeyNamed() throws Exception {
        FeishuDriver bad = new FeishuDriver() {
            @Override
            public String channelYaml() {
                return super.channelYaml().replace(FeishuSimulator.APP_SECRET, "wrong-secret");
            }
        };
        Exception e = startFails(bad);
        assertTrue(e.getMessage().contains("stores[0].channels[0].settings.app_secret"), e.getMessage());
    }
}

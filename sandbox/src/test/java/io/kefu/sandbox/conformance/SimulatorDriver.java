package io.kefu.sandbox.conformance;

import io.kefu.gateway.KefuNode;
import io.kefu.sandbox.sim.PlatformSimulator;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What every chat platform's driver does alike: the simulator's lifecycle and faults, the
 * channel's kefu.yaml entry pointing at it, kefu's webhook URL, and the burst of buyers. A
 * subclass adds how its platform's buyers talk and how its simulator measures acks.
 */
abstract class SimulatorDriver<S extends PlatformSimulator> implements PlatformDriver {
    final S sim;
    final String channelId;
    /** The platform's ids of the burst's messages, to tell their deliveries from any other. */
    final Set<String> burstIds = ConcurrentHashMap.newKeySet();

    SimulatorDriver(S sim, String channelId) {
        this.sim = sim;
        this.channelId = channelId;
    }

    /**
     * The channel entry with {@code settings} (one {@code key: value} each; null ones left out),
     * plus the simulator's base_url and a send rate the suite's bursts never reach.
     */
    String channelYaml(String platform, String... settings) {
        StringBuilder y = new StringBuilder("      - id: " + channelId + "\n        platform: " + platform + "\n        settings:\n");
        for (String s : settings) {
            if (s != null) {
                y.append("          ").append(s).append('\n');
            }
        }
        return y.append("          base_url: ").append(sim.baseUrl()).append('\n')
                .append("          sends_per_second: 500\n").toString();
    }

    /** Where {@code node} serves this channel's webhook ({@code /webhooks/{platform}/{channelId}}). */
    URI webhookUrl(KefuNode node, String platform) {
        return URI.create("http://127.0.0.1:" + node.port() + "/webhooks/" + platform + "/" + channelId);
    }

    /**
     * One burst buyer's message, its id put in {@link #burstIds}: delivered before this returns,
     * unless a platform that delivers concurrently returns the delivery still under way.
     */
    CompletableFuture<?> burstMessage(String buyer, String text) {
        burstIds.add(buyerSays(buyer, text));
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public List<String> burst(int n) {
        List<String> buyers = new ArrayList<>();
        List<CompletableFuture<?>> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String b = "burst" + i;
            buyers.add(b);
            all.add(burstMessage(b, i % 2 == 0 ? "在吗" : "hello"));
        }
        CompletableFuture.allOf(all.toArray(new CompletableFuture[0])).join();
        return buyers;
    }

    @Override
    public String channelId() {
        return channelId;
    }

    @Override
    public void start() {
        sim.start();
    }

    @Override
    public void dropConnection() {
        sim.dropConnections();
    }

    @Override
    public void kill() {
        sim.kill();
    }

    @Override
    public void restart() {
        sim.restart();
    }

    /** Webhook platforms connect to kefu, so there is no connection of kefu's to lose. */
    @Override
    public boolean connected() {
        return true;
    }

    @Override
    public void close() {
        sim.close();
    }
}

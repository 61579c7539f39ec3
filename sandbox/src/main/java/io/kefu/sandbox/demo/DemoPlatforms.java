package io.kefu.sandbox.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kefu.gateway.DemoSetup;
import io.kefu.gateway.KefuNode;
import io.kefu.handlers.config.ChannelConfig;
import io.kefu.handlers.config.KefuConfig;
import io.kefu.handlers.config.StoreConfig;
import io.kefu.proto.v1.Platform;
import io.kefu.sandbox.sim.douyin.DouyinSimulator;
import io.kefu.sandbox.sim.feishu.FeishuSimulator;
import io.kefu.sandbox.sim.slack.SlackSimulator;
import io.kefu.sandbox.sim.taobao.TaobaoTmcSimulator;
import io.kefu.sandbox.sim.wecom.WeComSimulator;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code ./kefu start --demo}: starts the Slack, WeCom, Feishu and Douyin simulators and the Taobao
 * TMC simulator on free loopback ports, connects the demo store to each (one channel per platform,
 * pointing at the simulator's URL with its credentials), and adds a {@code campaigns:} section with
 * one TMC order feed, quiet hours off and a one-minute reminder delay. The buyer chat page reaches
 * the platforms through {@link DemoPlatformsExtension}'s {@code /sandbox/platform/…} endpoints and
 * creates an unpaid order with {@code POST /sandbox/demo/unpaid-order?buyer=…}; the order is
 * back-dated so its payment reminder (催付) is due {@link #REMINDER_AFTER_SECONDS} seconds later.
 *
 * <p>Only {@code StartCommand} calls this (via {@link DemoSetup}); {@code KefuNode.Options.demo()}
 * never does, so tests using the demo store start no simulators.
 */
public final class DemoPlatforms implements DemoSetup {
    public static final String SLACK = "slack";
    public static final String WECOM = "wecom";
    public static final String FEISHU = "feishu";
    public static final String DOUYIN = "douyin";
    /** How long after "simulate an unpaid order" the reminder is due. */
    public static final int REMINDER_AFTER_SECONDS = 5;
    static final int REMINDER_DELAY_MINUTES = 1;

    private static final AtomicReference<DemoPlatforms> ACTIVE = new AtomicReference<>();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<AutoCloseable> simulators = new ArrayList<>();
    private final Map<String, PlatformBridge> bridges = new LinkedHashMap<>();
    private final Map<String, String> simulatorUrls = new LinkedHashMap<>();
    private final AtomicInteger orders = new AtomicInteger();
    private TaobaoTmcSimulator tmc;
    private String storeId;
    private String orderChannel;

    /** The setup of the running demo, if {@code --demo} prepared one in this JVM. */
    public static Optional<DemoPlatforms> active() {
        return Optional.ofNullable(ACTIVE.get());
    }

    @Override
    public KefuConfig prepare(KefuConfig demo) throws Exception {
        if (demo.stores().isEmpty()) {
            return demo;
        }
        try {
            return build(demo);
        } catch (Exception | Error e) {
            close();
            throw e;
        }
    }

    private KefuConfig build(KefuConfig demo) {
        StoreConfig store = demo.stores().get(0);
        storeId = store.id();
        List<ChannelConfig> channels = new ArrayList<>(store.channels());

        SlackSimulator slack = started(new SlackSimulator().start());
        add(channels, demo, new ChannelConfig(SLACK, Platform.SLACK, null, "Slack (simulator)", Map.of(
                "bot_token", SlackSimulator.BOT_TOKEN,
                "app_token", SlackSimulator.APP_TOKEN,
                "signing_secret", SlackSimulator.SIGNING_SECRET,
                "base_url", slack.baseUrl())), new PlatformBridge() {
            @Override
            public void say(String buyer, String text) {
                slack.userSays(dm(buyer), "U" + PlatformBridge.plain(buyer).toUpperCase(), text);
            }

            @Override
            public List<String> replies(String buyer) {
                return slack.postsTo(dm(buyer)).stream().map(SlackSimulator.Post::text).toList();
            }

            private String dm(String buyer) {
                return "D" + PlatformBridge.plain(buyer).toUpperCase();
            }
        }, slack.baseUrl());

        WeComSimulator wecom = started(new WeComSimulator().start());
        add(channels, demo, new ChannelConfig(WECOM, Platform.WECOM, null, "WeCom 企业微信 (simulator)", Map.of(
                "corp_id", WeComSimulator.CORP_ID,
                "secret", WeComSimulator.SECRET,
                "callback_token", WeComSimulator.TOKEN,
                "aes_key", WeComSimulator.AES_KEY,
                "agent_id", WeComSimulator.AGENT_ID,
                "base_url", wecom.baseUrl())), new PlatformBridge() {
            @Override
            public void say(String buyer, String text) {
                wecom.appUserSays(PlatformBridge.plain(buyer), text.replace("]]>", "]] >"));
            }

            @Override
            public List<String> replies(String buyer) {
                String u = PlatformBridge.plain(buyer);
                return wecom.sent().stream().filter(s -> u.equals(s.touser())).map(WeComSimulator.Sent::content).toList();
            }

            @Override
            public void nodeStarted(int port) {
                wecom.callbackUrl(URI.create("http://127.0.0.1:" + port + "/webhooks/wecom/" + WECOM));
            }
        }, wecom.baseUrl());

        FeishuSimulator feishu = started(new FeishuSimulator().start());
        add(channels, demo, new ChannelConfig(FEISHU, Platform.FEISHU, null, "Feishu 飞书 (simulator)", Map.of(
                "app_id", FeishuSimulator.APP_ID,
                "app_secret", FeishuSimulator.APP_SECRET,
                "base_url", feishu.baseUrl())), new PlatformBridge() {
            @Override
            public void say(String buyer, String text) {
                feishu.userSays(chat(buyer), "ou_" + PlatformBridge.plain(buyer), text);
            }

            @Override
            public List<String> replies(String buyer) {
                return feishu.sentTo(chat(buyer)).stream().map(FeishuSimulator.Sent::text).toList();
            }

            private String chat(String buyer) {
                return "oc_p2p_" + PlatformBridge.plain(buyer);
            }
        }, feishu.baseUrl());

        DouyinSimulator douyin = started(new DouyinSimulator().start());
        add(channels, demo, new ChannelConfig(DOUYIN, Platform.DOUYIN, null, "Douyin 抖音 (simulator)", Map.of(
                "client_key", DouyinSimulator.CLIENT_KEY,
                "client_secret", DouyinSimulator.CLIENT_SECRET,
                "base_url", douyin.baseUrl())), new PlatformBridge() {
            @Override
            public void say(String buyer, String text) {
                douyin.buyerSays(user(buyer), "conv" + PlatformBridge.plain(buyer), text);
            }

            @Override
            public List<String> replies(String buyer) {
                String u = user(buyer);
                return douyin.sent().stream().filter(s -> u.equals(s.toUserId())).map(DouyinSimulator.Sent::text).toList();
            }

            @Override
            public void nodeStarted(int port) {
                douyin.webhookUrl(URI.create("http://127.0.0.1:" + port + "/webhooks/douyin/" + DOUYIN));
            }

            private String user(String buyer) {
                return "_000" + PlatformBridge.plain(buyer);
            }
        }, douyin.baseUrl());

        List<StoreConfig> stores = new ArrayList<>(demo.stores());
        stores.set(0, new StoreConfig(store.id(), store.name(), store.language(), channels));

        Map<String, JsonNode> sections = new HashMap<>(demo.sections());
        orderChannel = store.channels().stream().filter(c -> c.platform() == Platform.OPEN).map(ChannelConfig::id).findFirst().orElse(null);
        if (orderChannel != null && !sections.containsKey("campaigns")) {
            tmc = started(new TaobaoTmcSimulator().start());
            simulatorUrls.put("taobao TMC", tmc.url());
            sections.put("campaigns", campaigns(tmc.url()));
        }
        ACTIVE.set(this);
        return new KefuConfig(demo.httpPort(), demo.redisUrl(), demo.dataDir(), demo.nlu(), demo.handoff(), stores, sections);
    }

    private JsonNode campaigns(String tmcUrl) {
        ObjectNode c = JSON.createObjectNode();
        c.put("poll_interval_ms", 500);
        ObjectNode s = c.putObject("stores").putObject(storeId);
        s.put("chat_channel", orderChannel);
        s.put("quiet_hours", "00:00-00:00");
        s.put("reminder_delay_minutes", REMINDER_DELAY_MINUTES);
        s.put("reminder_coupon", "满100减10");
        ObjectNode feed = c.putArray("taobao").addObject();
        feed.put("store", storeId);
        feed.put("app_key", TaobaoTmcSimulator.APP_KEY);
        feed.put("app_secret", TaobaoTmcSimulator.APP_SECRET);
        feed.put("url", tmcUrl);
        feed.put("pull_interval_ms", 2000);
        return c;
    }

    private <T extends AutoCloseable> T started(T simulator) {
        simulators.add(simulator);
        return simulator;
    }

    private void add(List<ChannelConfig> channels, KefuConfig demo, ChannelConfig channel, PlatformBridge bridge, String url) {
        if (demo.channel(channel.id()).isPresent()) {
            return; // the demo config already has a channel of that id: leave it alone
        }
        channels.add(channel);
        bridges.put(channel.id(), bridge);
        simulatorUrls.put(channel.id(), url);
    }

    Optional<PlatformBridge> bridge(String channelId) {
        return Optional.ofNullable(bridges.get(channelId));
    }

    boolean hasOrderFeed() {
        return tmc != null;
    }

    void nodeStarted(int port) {
        bridges.values().forEach(b -> b.nodeStarted(port));
    }

    /**
     * An unpaid order for {@code buyer} arrives through the TMC simulator, created
     * {@code reminder_delay − REMINDER_AFTER_SECONDS} ago: its reminder is due in a few seconds.
     *
     * @return the order id
     */
    String unpaidOrder(String buyer) {
        if (tmc == null) {
            throw new IllegalStateException("no order feed in this demo");
        }
        String tid = "DEMO" + (System.currentTimeMillis() % 1_000_000) + "-" + orders.incrementAndGet();
        ObjectNode content = JSON.createObjectNode();
        content.put("tid", tid);
        content.put("buyer_open_uid", buyer);
        content.put("payment", "128.00");
        long created = System.currentTimeMillis() - REMINDER_DELAY_MINUTES * 60_000L + REMINDER_AFTER_SECONDS * 1000L;
        tmc.publish("taobao_trade_TradeCreate", content.toString(), created);
        return tid;
    }

    String orderChannel() {
        return orderChannel;
    }

    @Override
    public List<String> describe(KefuNode node) {
        List<String> lines = new ArrayList<>();
        String base = "http://localhost:" + node.port();
        bridges.keySet().forEach(id -> lines.add(String.format("  %-17s %s   (simulator %s; pick \"%s\" on the chat page)",
                id + " channel", base + "/sandbox/platform/" + id, simulatorUrls.get(id), id)));
        if (tmc != null) {
            lines.add(String.format("  %-17s %s   (simulator %s)", "taobao TMC feed", "store " + storeId, tmc.url()));
            lines.add(String.format("  %-17s curl -X POST '%s/sandbox/demo/unpaid-order?buyer=BUYER'   (or the button on the chat page;",
                    "unpaid order", base));
            lines.add("                    the 催付 reminder reaches that buyer on channel " + orderChannel + " about "
                    + REMINDER_AFTER_SECONDS + " s later)");
        }
        return lines;
    }

    @Override
    public void close() {
        ACTIVE.compareAndSet(this, null);
        for (AutoCloseable s : simulators) {
            try {
                s.close();
            } catch (Exception e) {
                // stopping anyway
            }
        }
        simulators.clear();
    }
}

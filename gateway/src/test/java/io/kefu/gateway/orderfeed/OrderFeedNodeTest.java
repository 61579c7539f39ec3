package io.kefu.gateway.orderfeed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kefu.gateway.KefuNode;
import io.kefu.gateway.NodeFixture;
import io.kefu.gateway.openchannel.client.OpenChannelClient;
import io.kefu.handlers.config.ConfigException;
import io.kefu.handlers.config.ConfigLoader;
import io.kefu.handlers.config.KefuConfig;
import io.kefu.handlers.testing.RedisExtension;
import io.kefu.handlers.testing.TestModels;
import io.kefu.proto.v1.OrderEvent;
import io.kefu.proto.v1.OrderEventType;
import io.kefu.proto.v1.Platform;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The extension in a real node: an unpaid order's reminder reaches the buyer's chat; the report and config errors. */
class OrderFeedNodeTest {
    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();
    static final String TOKEN = "admin-token-0123456789";
    static final Duration T = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    static KefuConfig config(String campaigns) {
        String yaml = """
                stores:
                  - id: shop
                    channels:
                      - {id: web, platform: open, token: web-token-123}
                admin:
                  token: %s
                campaigns:
                %s
                """.formatted(TOKEN, campaigns.indent(2));
        return ConfigLoader.parse("test.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    /** What the extension validates at start, without starting a node. */
    static void start(KefuConfig config) {
        var campaigns = io.kefu.handlers.campaign.CampaignSettings.fromConfig(config).orElseThrow();
        OrderFeedSettings.parse(config.section("campaigns").orElseThrow(), campaigns);
    }

    HttpResponse<String> report(KefuNode node, String query, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + "/campaigns/report" + query)).timeout(T);
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anUnpaidOrdersReminderArrivesInTheBuyersChat() throws Exception {
        OrderFeedExtension ext = new OrderFeedExtension();
        KefuConfig config = config("""
                poll_interval_ms: 100
                stores:
                  shop: {chat_channel: web, quiet_hours: "00:00-00:00", reminder_delay_minutes: 1, reminder_coupon: "满100减10"}
                """);
        try (KefuNode node = KefuNode.start(KefuNode.Options.of(config).port(0).host("127.0.0.1").redisUrl(redis.url()).dataDir(dir)
                .classifier(TestModels.fast()).discoverExtensions(false).extension(ext))) {
            OpenChannelClient buyer = OpenChannelClient.connect(OpenChannelClient.uri("127.0.0.1", node.port(), "web"), "web-token-123", T);
            buyer.auth("buyer-1", T);
            ext.engine().orElseThrow().ingest(OrderEvent.newBuilder().setEventId("e1").setPlatform(Platform.TAOBAO).setStoreId("shop")
                    .setOrderId("T100").setBuyerId("buyer-1").setType(OrderEventType.ORDER_CREATED).setAmountCents(12_800)
                    .setEventTime(System.currentTimeMillis() - 3_600_000).build());
            var reply = buyer.nextReply(T);
            assertNotNull(reply, "no reminder reached the chat");
            assertTrue(reply.getText().contains("T100") && reply.getText().contains("满100减10"), reply.getText());
            buyer.close();

            assertEquals(401, report(node, "?store=shop", null).statusCode());
            assertEquals(400, report(node, "?store=shop&day=yesterday", TOKEN).statusCode());
            assertEquals(404, report(node, "?store=other", TOKEN).statusCode());
            HttpResponse<String> ok = report(node, "?store=shop", TOKEN);
            assertEquals(200, ok.statusCode(), ok.body());
            Map<?, ?> body = new ObjectMapper().readValue(ok.body(), Map.class);
            assertEquals(1, body.get("reminders_sent"));
            assertTrue(NodeFixture.get(node, "/metrics").body().contains("kefu_campaign_reminders_sent_total{store=\"shop\"} 1"));
        }
    }

    @Test
    void badConfigNamesTheKey() {
        ConfigException e = assertThrows(ConfigException.class, () -> start(config("""
                stores:
                  shop: {chat_channel: web, quiet_hours: "late"}
                """)));
        assertEquals("campaigns.stores.shop.quiet_hours", e.key());
        e = assertThrows(ConfigException.class, () -> start(config("""
                stores:
                  shop: {chat_channel: nope}
                """)));
        assertEquals("campaigns.stores.shop.chat_channel", e.key());
        e = assertThrows(ConfigException.class, () -> start(config("""
                stores:
                  shop: {chat_channel: web}
                taobao:
                  - {store: shop, app_key: k}
                """)));
        assertEquals("campaigns.taobao[0].app_secret", e.key());
        e = assertThrows(ConfigException.class, () -> start(config("""
                stores:
                  shop: {chat_channel: web}
                tmc: {}
                """)));
        assertEquals("campaigns.tmc", e.key());
    }
}

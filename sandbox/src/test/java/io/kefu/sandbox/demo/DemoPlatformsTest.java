package io.kefu.sandbox.demo;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kefu.gateway.KefuNode;
import io.kefu.gateway.openchannel.client.OpenChannelClient;
import io.kefu.handlers.config.KefuConfig;
import io.kefu.handlers.testing.RedisExtension;
import io.kefu.handlers.testing.TestModels;
import io.kefu.proto.v1.Platform;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code ./kefu start --demo} adds: the prepared demo config connects the demo store to the
 * platform simulators; a buyer writing through the sandbox bridge on Slack and on WeCom gets the
 * bot's reply back through the platform API; "simulate an unpaid order" leads to a 催付 reminder on
 * the open channel.
 */
class DemoPlatformsTest {
    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();
    static final Duration T = Duration.ofSeconds(30);
    static final ObjectMapper JSON = new ObjectMapper();
    final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    HttpResponse<String> call(String method, String url, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(T);
        b = method.equals("POST") ? b.POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : body)) : b.GET();
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void platformsAnswerThroughTheBridgeAndAnUnpaidOrderBringsAReminder() throws Exception {
        try (DemoPlatforms demo = new DemoPlatforms()) {
            KefuConfig config = demo.prepare(KefuNode.demoConfig());
            for (String id : List.of(DemoPlatforms.SLACK, DemoPlatforms.WECOM, DemoPlatforms.FEISHU, DemoPlatforms.DOUYIN)) {
                assertTrue(config.channel(id).filter(c -> c.platform() != Platform.OPEN).isPresent(), id);
            }
            assertTrue(config.section("campaigns").isPresent());
            try (KefuNode node = KefuNode.start(KefuNode.Options.of(config).demoPages(true).port(0).host("127.0.0.1")
                    .redisUrl(redis.url()).dataDir(dir).classifier(TestModels.fast()))) {
                String base = "http://127.0.0.1:" + node.port();
                JsonNode pageConfig = JSON.readTree(call("GET", base + "/sandbox/config.json", null).body());
                assertEquals("/sandbox/platform/slack", pageConfig.at("/channels/1/bridge").asText(), pageConfig.toString());
                assertEquals("/sandbox/demo/unpaid-order", pageConfig.at("/channels/0/unpaidOrder").asText(), pageConfig.toString());

                for (String channel : List.of(DemoPlatforms.SLACK, DemoPlatforms.WECOM)) {
                    String say = base + "/sandbox/platform/" + channel + "/say";
                    HttpResponse<String> said = call("POST", say, "{\"buyer\":\"web-demo1\",\"text\":\"在吗\",\"clientMsgId\":\"m-1\"}");
                    assertEquals(200, said.statusCode(), channel + ": " + said.body());
                    // the page resending the same message after a reload: not delivered twice
                    assertTrue(call("POST", say, "{\"buyer\":\"web-demo1\",\"text\":\"在吗\",\"clientMsgId\":\"m-1\"}").body()
                            .contains("duplicate"));
                    String replies = base + "/sandbox/platform/" + channel + "/replies?buyer=web-demo1&after=0";
                    JsonNode got = await(channel + " reply").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                            .until(() -> JSON.readTree(call("GET", replies, null).body()), r -> r.path("replies").size() >= 1);
                    assertTrue(got.at("/replies/0/text").asText().length() > 0, got.toString());
                    assertEquals(1, got.path("next").asInt(), got.toString());
                }
                assertEquals(404, call("POST", base + "/sandbox/platform/nope/say", "{}").statusCode());
                assertEquals(400, call("POST", base + "/sandbox/platform/slack/say", "{\"buyer\":\"<x>\",\"text\":\"hi\"}").statusCode());

                OpenChannelClient buyer = OpenChannelClient.connect(OpenChannelClient.uri("127.0.0.1", node.port(), "demo"), "demo-token", T);
                try {
                    buyer.auth("web-demo2", T);
                    HttpResponse<String> order = call("POST", base + "/sandbox/demo/unpaid-order?buyer=web-demo2", null);
                    assertEquals(200, order.statusCode(), order.body());
                    String orderId = JSON.readTree(order.body()).path("order").asText();
                    var reminder = buyer.nextReply(Duration.ofSeconds(40));
                    assertNotNull(reminder, "no reminder reached the chat");
                    assertTrue(reminder.getText().contains(orderId), reminder.getText());
                } finally {
                    buyer.close();
                }
            }
        }
        assertTrue(DemoPlatforms.active().isEmpty());
    }
}

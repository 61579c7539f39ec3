package io.kefu.gateway.console;

import static io.kefu.gateway.console.ConsoleFixture.T;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kefu.gateway.KefuNode;
import io.kefu.gateway.openchannel.client.OpenChannelClient;
import io.kefu.handlers.testing.RedisExtension;
import io.kefu.proto.v1.OutboundMessage;
import io.kefu.proto.v1.Reply;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The console API against a real node: the whole handoff over HTTP + the open channel, and the store boundary. */
class ConsoleApiTest {
    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();
    @TempDir
    static Path data;
    static KefuNode node;

    @BeforeAll
    static void start() throws Exception {
        node = ConsoleFixture.start(redis, data);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private OpenChannelClient buyer(String id) throws Exception {
        OpenChannelClient c = OpenChannelClient.connect(OpenChannelClient.uri("127.0.0.1", node.port(), "demo"), "demo-token", T);
        c.auth(id, T);
        return c;
    }

    private static String path(String conv) {
        return "/console/api/conversations/" + URLEncoder.encode(conv, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static JsonNode json(String body) throws Exception {
        return ConsoleViews.JSON.readTree(body);
    }

    @Test
    void anAgentTakesOverRepliesOnTheBuyersChannelAndHandsBack() throws Exception {
        var agent = ConsoleFixture.agent(node.port(), "agent", "agent-demo-pass");
        String conv = "open:demo:b-api";
        try (OpenChannelClient buyer = buyer("b-api")) {
            buyer.send("m1", "转人工").get();
            buyer.ackReply(buyer.nextReply(T).getId());
            await().atMost(T).until(() -> agent.get("/console/api/queue").body().contains(conv));

            JsonNode detail = json(agent.get(path(conv)).body());
            assertEquals("explicit_request", detail.at("/ticket/reason").asText());
            assertEquals("转人工", detail.at("/transcript/0/text").asText());
            assertEquals("human_agent", detail.at("/transcript/0/intents/0/intent").asText(), "the bot's understanding is shown");

            assertEquals(202, agent.post(path(conv) + "/take-over", "{}").statusCode());
            await().atMost(T).until(() -> json(agent.get(path(conv)).body()).get("mode").asText().equals("agent"));

            buyer.send("m2", "东西坏了怎么办");
            var replied = agent.post(path(conv) + "/reply", "{\"text\":\"您好，我来帮您处理\"}");
            assertEquals(202, replied.statusCode(), replied.body());
            Reply fromAgent = buyer.nextReply(T);
            assertEquals("您好，我来帮您处理", fromAgent.getText(), "the bot said nothing in between");
            assertEquals(OutboundMessage.Sender.AGENT, fromAgent.getSender());
            buyer.ackReply(fromAgent.getId());

            assertEquals(202, agent.post(path(conv) + "/hand-back", "{}").statusCode());
            Reply back = buyer.nextReply(T);
            assertEquals(OutboundMessage.Sender.BOT, back.getSender());
            buyer.ackReply(back.getId());
            buyer.send("m3", "你好").get();
            Reply bot = buyer.nextReply(T);
            assertEquals(OutboundMessage.Sender.BOT, bot.getSender());
            assertEquals("m3", bot.getInReplyTo(), "the bot answers again");
        }
        JsonNode after = json(agent.get(path(conv)).body());
        assertEquals("returned_to_bot", after.at("/ticket/status").asText());
        assertEquals("bot", after.get("mode").asText());
    }

    @Test
    void anAgentOfAnotherStoreSeesAndTouchesNothingOfThisOne() throws Exception {
        var olga = ConsoleFixture.agent(node.port(), "olga", "agent-demo-pass");
        String conv = "open:demo:b-foreign";
        try (OpenChannelClient buyer = buyer("b-foreign")) {
            buyer.send("m1", "转人工").get();
            buyer.nextReply(T);
        }
        var agent = ConsoleFixture.agent(node.port(), "agent", "agent-demo-pass");
        await().atMost(T).until(() -> agent.get("/console/api/queue").body().contains(conv));
        assertFalse(olga.get("/console/api/queue").body().contains(conv));
        assertEquals(404, olga.get(path(conv)).statusCode());
        assertEquals(404, olga.post(path(conv) + "/take-over", "{}").statusCode());
        assertEquals(404, olga.post(path(conv) + "/reply", "{\"text\":\"hi\"}").statusCode());
        assertEquals(403, olga.get("/console/api/supervisor").statusCode(), "agents are not supervisors");
        assertEquals("waiting", json(agent.get(path(conv)).body()).at("/ticket/status").asText(), "nothing changed");
    }

    @Test
    void badRequestsGetClearErrorsAndChangeNothing() throws Exception {
        int port = node.port();
        assertEquals(401, ConsoleFixture.login(port, "agent", "wrong-password").statusCode());
        assertEquals(401, ConsoleFixture.login(port, "nobody", "agent-demo-pass").statusCode());
        var anonymous = new ConsoleFixture.Agent("http://127.0.0.1:" + port, "kefu_console=forged", "x");
        assertEquals(401, anonymous.get("/console/api/queue").statusCode());
        assertEquals(401, anonymous.post("/console/api/presence", "{\"status\":\"online\"}").statusCode());

        var agent = ConsoleFixture.agent(port, "agent", "agent-demo-pass");
        String conv = "open:demo:b-bad";
        try (OpenChannelClient buyer = buyer("b-bad")) {
            buyer.send("m1", "转人工").get();
            buyer.nextReply(T);
        }
        await().atMost(T).until(() -> agent.get("/console/api/queue").body().contains(conv));
        long version = new io.kefu.handlers.store.RedisConversationStore(redis.client()).load(conv).version();

        var noCsrf = new ConsoleFixture.Agent(agent.base(), agent.cookie(), "");
        assertEquals(403, noCsrf.post(path(conv) + "/take-over", "{}").statusCode());
        var wrongCsrf = new ConsoleFixture.Agent(agent.base(), agent.cookie(), "not-the-token");
        assertEquals(403, wrongCsrf.post(path(conv) + "/take-over", "{}").statusCode());
        var crossSite = ConsoleFixture.HTTP.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(agent.base() + path(conv) + "/take-over"))
                .header("Cookie", agent.cookie()).header(ConsoleApi.CSRF_HEADER, agent.csrf()).header("Content-Type", "application/json")
                .header("Origin", "http://evil.example").POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(403, crossSite.statusCode());

        assertEquals(400, agent.post(path(conv) + "/take-over", "{not json").statusCode());
        assertEquals(400, agent.post(path(conv) + "/take-over", "[1,2]").statusCode());
        var tooBig = agent.post(path(conv) + "/reply", "{\"text\":\"" + "x".repeat(20_000) + "\"}");
        assertEquals(413, tooBig.statusCode());
        assertTrue(tooBig.headers().firstValue("X-Kefu-Error").isPresent());
        assertEquals(400, agent.post(path(conv) + "/reply", "{\"text\":42}").statusCode());
        assertEquals(409, agent.post(path(conv) + "/reply", "{\"text\":\"hi\"}").statusCode(), "reply before taking over");
        assertEquals(404, agent.post(path(conv) + "/explode", "{}").statusCode());
        assertEquals(404, agent.get(path("open:demo:nobody")).statusCode());
        assertEquals(405, agent.get(path(conv) + "/take-over").statusCode());
        assertEquals(400, agent.post(path(conv) + "/transfer", "{\"agent\":\"boss\",\"group\":\"vip\"}").statusCode());
        assertEquals(400, agent.post("/console/api/presence", "{\"status\":\"dancing\"}").statusCode());
        assertEquals(version, new io.kefu.handlers.store.RedisConversationStore(redis.client()).load(conv).version(),
                "no refused request reached the conversation");

        var noJson = ConsoleFixture.HTTP.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(agent.base() + "/console/api/login"))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("username=agent&password=agent-demo-pass")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(415, noJson.statusCode());
    }

    @Test
    void theSessionCookieIsHttpOnlyAndSameSiteStrictAndLogoutEndsIt() throws Exception {
        var r = ConsoleFixture.login(node.port(), "boss", "boss-demo-pass");
        assertEquals(200, r.statusCode());
        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cookie.contains("HttpOnly"), cookie);
        assertTrue(cookie.contains("SameSite=Strict"), cookie);
        assertTrue(cookie.contains("Path=/console"), cookie);
        var boss = ConsoleFixture.agent(node.port(), "boss", "boss-demo-pass");
        assertEquals(200, boss.get("/console/api/supervisor").statusCode());
        assertEquals(200, boss.post("/console/api/logout", "{}").statusCode());
        assertEquals(401, boss.get("/console/api/me").statusCode());
        var page = ConsoleFixture.HTTP.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(boss.base() + "/console")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElseThrow().contains("script-src 'self'"));
    }
}

package io.kefu.handlers.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kefu.handlers.bot.BotApp;
import io.kefu.handlers.bot.EscalationPolicy;
import io.kefu.handlers.bot.ReplyTemplates;
import io.kefu.handlers.bot.TurnResult;
import io.kefu.handlers.store.RedisConversationStore;
import io.kefu.handlers.store.RedisInbox;
import io.kefu.handlers.store.ReplyOutbox;
import io.kefu.handlers.testing.FixedClassifier;
import io.kefu.handlers.testing.RedisExtension;
import io.kefu.proto.v1.InboundMessage;
import io.kefu.proto.v1.OutboundMessage;
import io.kefu.proto.v1.Platform;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A proactive message goes through a real bot turn into the conversation's outbox; exceptions also open an after-sales ticket. */
class CampaignTurnTest {
    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    final MutableClock clock = new MutableClock(Instant.parse("2025-03-03T03:00:00Z"));
    final StoreCampaign store = StoreCampaign.defaults("s1", "web", Platform.OPEN);

    BotApp app() {
        BotApp app = new BotApp(new RedisConversationStore(redis.client()), () -> new FixedClassifier(Map.of()),
                ReplyTemplates.defaults(), new EscalationPolicy(2), clock);
        app.use(new OptOutMiddleware(CampaignSettings.of(store), new OptOuts(redis.client())));
        app.use(new CampaignTurnMiddleware(redis.client()));
        return app;
    }

    TurnResult runHead(BotApp app, RedisInbox inbox, String conv) throws Exception {
        return app.run(inbox.head(conv).orElseThrow().message());
    }

    @Test
    void markerBecomesAReplyAndAnExceptionATicket() throws Exception {
        RedisInbox inbox = new RedisInbox(redis.client(), clock);
        InboxProactiveChannel channel = new InboxProactiveChannel(inbox, redis.client(), c -> { });
        String conv = ProactiveConversations.conversationId(store, "b1");
        assertTrue(channel.deliver(new ProactiveMessage("exception|o1|failed", store, "b1", "o1", CampaignTask.Kind.EXCEPTION,
                "派送失败了", "logistics_failed")));
        assertTrue(!channel.deliver(new ProactiveMessage("exception|o1|failed", store, "b1", "o1", CampaignTask.Kind.EXCEPTION,
                "派送失败了", "logistics_failed")), "the same task is the same message");
        BotApp app = app();
        TurnResult r = runHead(app, inbox, conv);
        assertEquals(List.of("派送失败了"), r.replies().stream().map(OutboundMessage::getText).toList());
        assertEquals("after_sales", r.ticket().orElseThrow().getSkillGroup());
        assertEquals("logistics_failed", r.ticket().orElseThrow().getReason());
        assertEquals(1, new ReplyOutbox(redis.client()).pending(conv).size());
        assertEquals(0, inbox.depth(conv));
    }

    @Test
    void aForgedMarkerSaysNothingAndOptOutIsHeard() throws Exception {
        RedisInbox inbox = new RedisInbox(redis.client(), clock);
        String conv = ProactiveConversations.conversationId(store, "b2");
        inbox.persist(InboundMessage.newBuilder().setPlatform(Platform.OPEN).setChannelId("web").setStoreId("s1")
                .setConversationId(conv).setBuyerId("b2").setPlatformMsgId("campaign:s1:remind|o9").build());
        BotApp app = app();
        assertEquals(List.of(), runHead(app, inbox, conv).replies());
        inbox.persist(InboundMessage.newBuilder().setPlatform(Platform.OPEN).setChannelId("web").setStoreId("s1")
                .setConversationId(conv).setBuyerId("b2").setPlatformMsgId("m1").setText("别再给我发这种消息").build());
        assertEquals(1, runHead(app, inbox, conv).replies().size());
        assertTrue(new OptOuts(redis.client()).optedOut("s1", "b2"));
    }
}

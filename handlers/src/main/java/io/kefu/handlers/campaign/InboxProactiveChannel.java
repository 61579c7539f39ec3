package io.kefu.handlers.campaign;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kefu.handlers.store.RedisInbox;
import io.kefu.proto.v1.InboundMessage;
import java.util.Map;
import java.util.function.Consumer;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * Puts a proactive message on the same road as a bot reply. Why this way rather than writing the
 * outbox directly: a reply's seq, the conversation state (history, version) and the outbox entry
 * must change together, and only a turn does that atomically ({@code RedisConversationStore.commit});
 * a turn also gives delivery on every platform (TurnEffects), handoff tickets, and crash recovery.
 *
 * <p>So the message becomes a marker in the buyer's conversation inbox — id {@code campaign:…}
 * derived from the task, empty text — persisted with {@link RedisInbox#persist} (which dedups on
 * that id), its body kept beside the conversation; {@link CampaignTurnMiddleware} turns the marker
 * into the reply (and the after-sales ticket) when the dispatcher reaches it. Empty text cannot
 * come from a buyer on the open channel, and a marker without its stored body is ignored, so
 * buyers cannot forge one.
 */
public final class InboxProactiveChannel implements ProactiveChannel {
    public static final String ID_PREFIX = "campaign:";
    static final long BODY_TTL_SECONDS = 7L * 24 * 3600;
    static final ObjectMapper JSON = new ObjectMapper();

    private final RedisInbox inbox;
    private final UnifiedJedis redis;
    private final Consumer<String> wake;

    /** {@code wake}: the dispatcher's submit, so the marker is processed now rather than at the next recovery. */
    public InboxProactiveChannel(RedisInbox inbox, UnifiedJedis redis, Consumer<String> wake) {
        this.inbox = inbox;
        this.redis = redis;
        this.wake = wake;
    }

    @Override
    public boolean deliver(ProactiveMessage m) {
        String conv = ProactiveConversations.conversationId(m.store(), m.buyerId());
        String msgId = ID_PREFIX + m.store().storeId() + ":" + m.id();
        try {
            // Body first: a marker must never be in the inbox without it.
            redis.set(CampaignKeys.messageBody(conv, msgId), JSON.writeValueAsString(Map.of(
                    "text", m.text(), "after_sales", m.afterSalesReason(), "kind", m.kind().code(), "order", m.orderId())),
                    SetParams.setParams().ex(BODY_TTL_SECONDS));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        InboundMessage marker = InboundMessage.newBuilder()
                .setPlatform(m.store().chatPlatform())
                .setChannelId(m.store().chatChannel())
                .setStoreId(m.store().storeId())
                .setConversationId(conv)
                .setBuyerId(m.buyerId())
                .setPlatformMsgId(msgId)
                .setLocale(m.store().language())
                .build();
        boolean duplicate = inbox.persist(marker).duplicate();
        wake.accept(conv);
        return !duplicate;
    }
}

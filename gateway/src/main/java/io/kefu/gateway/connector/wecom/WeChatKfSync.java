package io.kefu.gateway.connector.wecom;

import com.fasterxml.jackson.databind.JsonNode;
import io.kefu.gateway.connector.Backoff;
import io.kefu.gateway.connector.ConnectorContext;
import io.kefu.proto.v1.InboundMessage;
import io.kefu.proto.v1.Platform;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The 微信客服 pull loop. A {@code kf_msg_or_event} callback only says "there is something for
 * open_kfid X"; this calls {@code kf/sync_msg} from the cursor persisted for X in Redis, persists
 * every customer text (dedup on {@code msgid}), and only then advances the cursor, page by page
 * while {@code has_more=1}. A crash anywhere re-reads at most one page, and the inbox dedup
 * absorbs it. One pull per open_kfid at a time; a callback arriving meanwhile makes the running
 * pull go round once more. Failures retry with backoff (the cursor has not moved).
 */
final class WeChatKfSync {
    private static final Logger log = LoggerFactory.getLogger(WeChatKfSync.class);
    static final int PAGE_LIMIT = 1000;
    static final int ORIGIN_CUSTOMER = 3;
    static final int MAX_TEXT_CHARS = 4000;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_\\-@.=]{1,128}");

    private final ConnectorContext ctx;
    private final WeComApi api;
    private final WeChatKfSendWindow window;
    private final Backoff backoff = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(30));
    private final Map<String, Pull> pulls = new ConcurrentHashMap<>();
    private volatile boolean closed;

    WeChatKfSync(ConnectorContext ctx, WeComApi api, WeChatKfSendWindow window) {
        this.ctx = ctx;
        this.api = api;
        this.window = window;
    }

    String cursorKey(String openKfId) {
        return "kefu:connector:" + ctx.channel().id() + ":kf_cursor:" + openKfId;
    }

    private static final class Pull {
        final String openKfId;
        String token;
        boolean running;
        boolean again;

        Pull(String openKfId) {
            this.openKfId = openKfId;
        }
    }

    /** Pulls everything new for {@code openKfId}; {@code callbackToken} (may be null) lifts sync_msg's rate limit. */
    void pull(String openKfId, String callbackToken) {
        Pull p = pulls.computeIfAbsent(openKfId, Pull::new);
        synchronized (p) {
            if (callbackToken != null && !callbackToken.isEmpty()) {
                p.token = callbackToken;
            }
            if (p.running) {
                p.again = true;
                return;
            }
            p.running = true;
        }
        submit(p, 0, 0);
    }

    private void submit(Pull p, int attempt, long delayMs) {
        if (closed) {
            return;
        }
        try {
            if (delayMs == 0) {
                ctx.blocking().execute(() -> run(p, attempt));
            } else {
                ctx.scheduler().schedule(() -> submit(p, attempt, 0), delayMs, TimeUnit.MILLISECONDS);
            }
        } catch (RejectedExecutionException e) {
            log.debug("not pulling {}: shutting down", p.openKfId);
        }
    }

    private void run(Pull p, int attempt) {
        try {
            drain(p);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                return;
            }
            Duration d = backoff.delay(attempt);
            log.info("WeCom channel {}: sync_msg for {} failed ({}); retrying in {} ms", ctx.channel().id(), p.openKfId, e.toString(),
                    d.toMillis());
            submit(p, attempt + 1, d.toMillis());
            return;
        }
        synchronized (p) {
            if (p.again) {
                p.again = false;
            } else {
                p.running = false;
                return;
            }
        }
        submit(p, 0, 0);
    }

    private void drain(Pull p) throws Exception {
        String key = cursorKey(p.openKfId);
        String cursor = ctx.redis().get(key);
        while (!closed) {
            String token;
            synchronized (p) {
                token = p.token;
            }
            JsonNode page = api.syncMsg(cursor, token, p.openKfId, PAGE_LIMIT).get(30, TimeUnit.SECONDS);
            Set<String> conversations = new LinkedHashSet<>();
            for (JsonNode msg : page.path("msg_list")) {
                InboundMessage in = decode(p.openKfId, msg);
                if (in == null) {
                    continue;
                }
                boolean duplicate = ctx.inbound().persist(in); // throws when Redis is down: cursor stays, page is re-read
                if (!duplicate) {
                    window.customerWrote(in.getConversationId(), in.getSentAt());
                }
                ctx.metrics().acked(ctx.channel().id());
                conversations.add(in.getConversationId());
            }
            String next = page.path("next_cursor").asText("");
            if (!next.isEmpty()) {
                ctx.redis().set(key, next); // only after every message of the page is persisted
                cursor = next;
            }
            conversations.forEach(ctx.inbound()::dispatch);
            if (page.path("has_more").asInt(0) != 1) {
                return;
            }
        }
    }

    /** A customer's text message as an InboundMessage; null (and counted) for anything else. */
    private InboundMessage decode(String openKfId, JsonNode msg) {
        String channelId = ctx.channel().id();
        if (msg.path("origin").asInt(0) != ORIGIN_CUSTOMER) {
            return null; // system events, or our own / a servicer's messages
        }
        String msgid = msg.path("msgid").asText("");
        String user = msg.path("external_userid").asText("");
        if (!ID.matcher(msgid).matches() || !ID.matcher(user).matches()) {
            ctx.metrics().dropped(channelId, "malformed");
            return null;
        }
        if (!"text".equals(msg.path("msgtype").asText())) {
            return null;
        }
        String text = msg.path("text").path("content").asText("");
        if (text.isBlank()) {
            return null;
        }
        if (text.length() > MAX_TEXT_CHARS) {
            ctx.metrics().dropped(channelId, "too_large");
            return null;
        }
        long sentAt = msg.path("send_time").asLong(0) * 1000;
        return InboundMessage.newBuilder()
                .setPlatform(Platform.WECHAT_KF)
                .setChannelId(channelId)
                .setStoreId(ctx.store().id())
                .setConversationId(WeComConversations.kf(channelId, openKfId, user))
                .setBuyerId(user)
                .setPlatformMsgId(msgid)
                .setText(text)
                .setSentAt(sentAt > 0 ? sentAt : ctx.clock().millis())
                .build();
    }

    void close() {
        closed = true;
    }
}

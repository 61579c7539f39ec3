package io.kefu.gateway.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kefu.handlers.handoff.AgentRoster;
import io.kefu.handlers.handoff.DeskResult;
import io.kefu.handlers.handoff.HandoffDesk;
import io.kefu.handlers.store.RedisConversationStore;
import io.kefu.proto.v1.DialogueState;
import io.kefu.proto.v1.HandoffTicket;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The console's JSON API under {@code /console/api/}. Runs on the blocking pool. Every request but
 * login needs the session cookie; every POST needs the session's CSRF token in
 * {@code X-Kefu-Csrf} and, from browsers, a same-origin {@code Origin}. An account only ever sees
 * and touches conversations of its own store: anything else is "not found".
 */
final class ConsoleApi {
    static final String CSRF_HEADER = "X-Kefu-Csrf";
    private static final Pattern CONVERSATION = Pattern.compile("/console/api/conversations/([^/]{1,256})(?:/([a-z-]{1,32}))?");
    // Checked against when the username is unknown, so a wrong name costs as long as a wrong password.
    private static final String DUMMY_HASH = PasswordHash.hash("not-a-real-password".toCharArray());

    private final ConsoleSettings settings;
    private final ConsoleSessions sessions;
    private final HandoffDesk desk;
    private final RedisConversationStore conversations;
    private final ConsoleViews views;
    private final ConsoleOrders orders;
    private final Clock clock;

    ConsoleApi(ConsoleSettings settings, ConsoleSessions sessions, HandoffDesk desk, RedisConversationStore conversations,
               ConsoleViews views, ConsoleOrders orders, Clock clock) {
        this.orders = orders;
        this.settings = settings;
        this.sessions = sessions;
        this.desk = desk;
        this.conversations = conversations;
        this.views = views;
        this.clock = clock;
    }

    void serve(ConsoleHttp h) {
        if (h.bodyTooLarge()) {
            h.error(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "body larger than " + ConsoleHttp.MAX_BODY_BYTES + " bytes");
            return;
        }
        boolean post = h.method().equals("POST");
        if (!post && !h.method().equals("GET")) {
            h.error(HttpResponseStatus.METHOD_NOT_ALLOWED, "only GET and POST here");
            return;
        }
        if (h.path().equals("/console/api/login")) {
            if (!post) {
                h.error(HttpResponseStatus.METHOD_NOT_ALLOWED, "log in with POST");
            } else {
                login(h);
            }
            return;
        }
        Optional<ConsoleSessions.Session> session = sessions.find(h.cookie(ConsoleSessions.COOKIE));
        Optional<ConsoleAccount> account = session.flatMap(s -> settings.account(s.username()));
        if (account.isEmpty()) {
            h.error(HttpResponseStatus.UNAUTHORIZED, "not logged in");
            return;
        }
        if (post && !csrfOk(h, session.get())) {
            h.error(HttpResponseStatus.FORBIDDEN, "missing or wrong CSRF token, or a cross-site request");
            return;
        }
        JsonNode body;
        try {
            body = post ? body(h) : null;
        } catch (IllegalArgumentException e) {
            h.error(HttpResponseStatus.BAD_REQUEST, e.getMessage());
            return;
        }
        try {
            route(h, post, session.get(), account.get(), body);
        } catch (IllegalArgumentException e) {
            h.error(HttpResponseStatus.BAD_REQUEST, e.getMessage());
        }
    }

    private void route(ConsoleHttp h, boolean post, ConsoleSessions.Session session, ConsoleAccount a, JsonNode body) {
        long now = clock.millis();
        String store = a.storeId();
        switch (h.path()) {
            case "/console/api/me" -> {
                if (post) {
                    h.error(HttpResponseStatus.METHOD_NOT_ALLOWED, "GET only");
                    return;
                }
                ObjectNode o = ConsoleViews.JSON.createObjectNode();
                o.put("user", a.username()).put("name", a.name()).put("role", a.role().name().toLowerCase(java.util.Locale.ROOT))
                        .put("store", store).put("csrf", session.csrf()).put("capacity", a.capacity());
                settings.canned(store).forEach(o.putArray("canned")::add);
                settings.accounts().stream().filter(x -> x.storeId().equals(store) && x.capacity() > 0)
                        .forEach(x -> o.withArray("agents").addObject().put("id", x.username()).put("name", x.name()));
                desk.queue().groups(store).forEach(o.putArray("groups")::add);
                h.json(HttpResponseStatus.OK, o.toString());
            }
            case "/console/api/queue" -> {
                ObjectNode o = ConsoleViews.JSON.createObjectNode();
                o.set("waiting", views.tickets(desk.waiting(store), now));
                o.set("mine", views.tickets(desk.held(store, a.username()), now));
                h.json(HttpResponseStatus.OK, o.toString());
            }
            case "/console/api/supervisor" -> {
                if (!a.supervisor()) {
                    h.error(HttpResponseStatus.FORBIDDEN, "supervisors only");
                    return;
                }
                h.json(HttpResponseStatus.OK, views.supervisor(store, now).toString());
            }
            case "/console/api/logout" -> {
                if (!post) {
                    h.error(HttpResponseStatus.METHOD_NOT_ALLOWED, "POST only");
                    return;
                }
                sessions.delete(session.token());
                h.json(HttpResponseStatus.OK, "{\"ok\":true}", Map.of(HttpHeaderNames.SET_COOKIE.toString(), cookie("", 0)));
            }
            case "/console/api/presence" -> {
                if (!post) {
                    h.error(HttpResponseStatus.METHOD_NOT_ALLOWED, "POST only");
                    return;
                }
                String status = text(body, "status", 16);
                if (!AgentRoster.ONLINE.equals(status) && !AgentRoster.AWAY.equals(status)) {
                    h.error(HttpResponseStatus.BAD_REQUEST, "status must be online or away");
                    return;
                }
                if (a.capacity() > 0) {
                    ConsoleExtension.present(desk.roster(), a, status, now);
                }
                h.json(HttpResponseStatus.OK, "{\"status\":\"" + status + "\"}");
            }
            default -> conversation(h, post, a, body, now);
        }
    }

    private void conversation(ConsoleHttp h, boolean post, ConsoleAccount a, JsonNode body, long now) {
        Matcher m = CONVERSATION.matcher(h.path());
        if (!m.matches()) {
            h.error(HttpResponseStatus.NOT_FOUND, "no such endpoint: " + h.path());
            return;
        }
        String conv = m.group(1);
        String action = m.group(2);
        Optional<HandoffTicket> ticket = desk.ticket(a.storeId(), conv);
        if (ticket.isEmpty()) {
            h.error(HttpResponseStatus.NOT_FOUND, "no handed-off conversation " + conv + " in your store");
            return;
        }
        if (action == null) {
            if (post) {
                h.error(HttpResponseStatus.METHOD_NOT_ALLOWED, "GET only");
                return;
            }
            DialogueState s = conversations.load(conv).state();
            h.json(HttpResponseStatus.OK, views.conversation(s, ticket.get(), conversations.transcript(conv), now).toString());
            return;
        }
        if (action.equals("orders")) { // the order panel: the buyer's recent orders from the ERP, read-only
            if (post) {
                h.error(HttpResponseStatus.METHOD_NOT_ALLOWED, "GET only");
                return;
            }
            String language = conversations.load(conv).state().getLanguage();
            h.json(HttpResponseStatus.OK, orders.lookup(ticket.get().getBuyerId(), language, a.storeId()).toString());
            return;
        }
        if (!post) {
            h.error(HttpResponseStatus.METHOD_NOT_ALLOWED, "POST only");
            return;
        }
        String store = a.storeId();
        String actor = ticket.get().getAssignedAgent().equals(a.username()) || !a.supervisor() ? a.username() : a.actor();
        DeskResult r = switch (action) {
            case "take-over" -> a.capacity() == 0 ? DeskResult.conflict("this account takes no conversations (capacity 0)")
                    : desk.takeOver(store, a.username(), a.capacity(), conv);
            case "reply" -> desk.reply(store, a.username(), conv, text(body, "text", HandoffDesk.MAX_REPLY_CHARS + 1));
            case "transfer" -> {
                String to = text(body, "agent", 64);
                String group = text(body, "group", 64);
                String note = text(body, "note", 500);
                if (to.isEmpty() == group.isEmpty()) {
                    yield DeskResult.invalid("give either agent or group");
                }
                yield to.isEmpty() ? desk.transferToGroup(store, actor, conv, group, note)
                        : desk.transferToAgent(store, actor, conv, to, note);
            }
            case "resolve" -> desk.resolve(store, actor, conv);
            case "hand-back" -> desk.handBack(store, actor, conv);
            default -> null;
        };
        if (r == null) {
            h.error(HttpResponseStatus.NOT_FOUND, "no such action: " + action);
            return;
        }
        switch (r.outcome()) {
            case ACCEPTED -> h.json(HttpResponseStatus.ACCEPTED, "{\"accepted\":true,\"command\":\"" + r.commandId() + "\"}");
            case NOT_FOUND -> h.error(HttpResponseStatus.NOT_FOUND, r.message());
            case CONFLICT -> h.error(HttpResponseStatus.CONFLICT, r.message());
            case INVALID -> h.error(HttpResponseStatus.BAD_REQUEST, r.message());
        }
    }

    private void login(ConsoleHttp h) {
        if (!h.sameOrigin()) {
            h.error(HttpResponseStatus.FORBIDDEN, "cross-site login refused");
            return;
        }
        if (!h.headers().get(HttpHeaderNames.CONTENT_TYPE, "").startsWith("application/json")) {
            h.error(HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE, "send JSON (Content-Type: application/json)");
            return;
        }
        String user;
        String password;
        try {
            JsonNode b = body(h);
            user = text(b, "username", 64);
            password = text(b, "password", 256);
        } catch (IllegalArgumentException e) {
            h.error(HttpResponseStatus.BAD_REQUEST, e.getMessage());
            return;
        }
        Optional<ConsoleAccount> a = settings.account(user);
        boolean ok = PasswordHash.verify(a.map(ConsoleAccount::passwordHash).orElse(DUMMY_HASH), password.toCharArray()) && a.isPresent();
        if (!ok) {
            h.error(HttpResponseStatus.UNAUTHORIZED, "wrong username or password");
            return;
        }
        ConsoleSessions.Session s = sessions.create(user);
        ObjectNode o = ConsoleViews.JSON.createObjectNode();
        o.put("user", user).put("role", a.get().role().name().toLowerCase(java.util.Locale.ROOT)).put("store", a.get().storeId())
                .put("csrf", s.csrf());
        h.json(HttpResponseStatus.OK, o.toString(), Map.of(HttpHeaderNames.SET_COOKIE.toString(), cookie(s.token(), sessions.ttl().toSeconds())));
    }

    private static boolean csrfOk(ConsoleHttp h, ConsoleSessions.Session s) {
        String presented = h.headers().get(CSRF_HEADER);
        return h.sameOrigin() && presented != null
                && MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), s.csrf().getBytes(StandardCharsets.UTF_8));
    }

    static String cookie(String value, long maxAgeSeconds) {
        return ConsoleSessions.COOKIE + "=" + value + "; Path=/console; Max-Age=" + maxAgeSeconds + "; HttpOnly; SameSite=Strict";
    }

    private static JsonNode body(ConsoleHttp h) {
        if (h.body().isBlank()) {
            return ConsoleViews.JSON.createObjectNode();
        }
        try {
            JsonNode n = ConsoleViews.JSON.readTree(h.body());
            if (n == null || !n.isObject()) {
                throw new IllegalArgumentException("body must be a JSON object");
            }
            return n;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("malformed JSON body");
        }
    }

    /** An optional string field ("" when absent); wrong type or too long is a bad request. */
    private static String text(JsonNode body, String field, int max) {
        JsonNode v = body == null ? null : body.get(field);
        if (v == null || v.isNull()) {
            return "";
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException(field + " must be a string");
        }
        if (v.asText().length() > max) {
            throw new IllegalArgumentException(field + " longer than " + max + " characters");
        }
        return v.asText();
    }
}

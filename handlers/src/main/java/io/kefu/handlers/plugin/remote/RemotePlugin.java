package io.kefu.handlers.plugin.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kefu.handlers.plugin.KefuPlugin;
import io.kefu.handlers.plugin.PluginContext;
import io.kefu.handlers.plugin.Turn;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A plugin that lives behind a URL, in any language. For every turn routed to it kefu POSTs the
 * turn as JSON, signed with the plugin's secret; the plugin answers (signed) with actions:
 *
 * <pre>
 * → {"plugin","store","conversation","buyer","message_id","text","language","intent","confidence",
 *    "understood","answering_ask","slots":{…},"config":{…}}
 * ← {"actions":[{"type":"reply","text":"…","quick_replies":["…"]}, {"type":"ask","text":"…"},
 *               {"type":"set_slot","name":"…","value":"…"}, {"type":"handoff","reason":"…","priority":5}]}
 * </pre>
 * No answer within the deadline, a non-2xx status, a missing/wrong signature or malformed JSON:
 * the buyer gets the fallback and the failure counts against the plugin.
 */
public final class RemotePlugin implements KefuPlugin {
    public static final int MAX_ANSWER_BYTES = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RemoteSpec spec;
    private final HttpClient http;

    public RemotePlugin(RemoteSpec spec, HttpClient http) {
        this.spec = spec;
        this.http = http;
    }

    @Override
    public String id() {
        return spec.id();
    }

    @Override
    public String version() {
        return spec.version();
    }

    /** The host's budget for a call: the deadline plus a little for JSON work. */
    public Duration budget() {
        return spec.deadline().plusMillis(250);
    }

    @Override
    public void start(PluginContext ctx) {
        for (String intent : spec.intents()) {
            ctx.onIntent(intent, this::call);
        }
    }

    private void call(Turn turn) throws IOException, InterruptedException, RemoteAnswerException {
        ObjectNode req = JSON.createObjectNode()
                .put("plugin", spec.id())
                .put("store", turn.storeId())
                .put("conversation", turn.conversationId())
                .put("buyer", turn.buyerId())
                .put("message_id", turn.messageId())
                .put("text", turn.text())
                .put("language", turn.language())
                .put("intent", turn.intent())
                .put("confidence", turn.confidence())
                .put("understood", turn.understood())
                .put("answering_ask", turn.answeringAsk());
        ObjectNode slots = req.putObject("slots");
        turn.slots().forEach(slots::put);
        ObjectNode config = req.putObject("config");
        turn.config().asMap().forEach(config::put);
        byte[] body = JSON.writeValueAsBytes(req);
        String ts = Long.toString(System.currentTimeMillis());
        HttpRequest request = HttpRequest.newBuilder(spec.url())
                .timeout(spec.deadline())
                .header("Content-Type", "application/json; charset=utf-8")
                .header("X-Kefu-Plugin", spec.id())
                .header(WebhookSignature.TIMESTAMP_HEADER, ts)
                .header(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(spec.secret(), ts, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<byte[]> res = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (res.statusCode() / 100 != 2) {
            throw new IOException("remote plugin " + spec.id() + " answered HTTP " + res.statusCode());
        }
        byte[] answer = res.body();
        if (answer.length > MAX_ANSWER_BYTES) {
            throw new RemoteAnswerException("answer of " + answer.length + " bytes (at most " + MAX_ANSWER_BYTES + ")");
        }
        if (!WebhookSignature.verify(spec.secret(), ts, answer, res.headers().firstValue(WebhookSignature.SIGNATURE_HEADER).orElse(null))) {
            throw new RemoteAnswerException("answer is unsigned or wrongly signed (" + WebhookSignature.SIGNATURE_HEADER + ")");
        }
        for (Action a : parse(answer)) {
            a.applyTo(turn);
        }
    }

    private record Action(String type, String text, List<String> quick, String name, String value, int priority) {
        void applyTo(Turn t) {
            switch (type) {
                case "reply" -> t.reply(text, quick.toArray(String[]::new));
                case "ask" -> t.ask(text, quick.toArray(String[]::new));
                case "set_slot" -> t.setSlot(name, value);
                case "handoff" -> t.handoff(text, priority);
                default -> throw new IllegalStateException(type);
            }
        }
    }

    /** Parses the answer; anything but the documented shape is rejected as a whole. */
    static List<Action> parse(byte[] answer) throws RemoteAnswerException {
        JsonNode root;
        try {
            root = JSON.readTree(answer);
        } catch (IOException e) {
            throw new RemoteAnswerException("answer is not JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject() || !root.path("actions").isArray()) {
            throw new RemoteAnswerException("answer must be an object with an \"actions\" list");
        }
        List<Action> out = new ArrayList<>();
        int i = 0;
        for (JsonNode a : root.get("actions")) {
            String where = "actions[" + i++ + "]";
            String type = a.path("type").asText("");
            switch (type) {
                case "reply", "ask" -> out.add(new Action(type, string(a, "text", where), quick(a, where), null, null, 0));
                case "set_slot" -> out.add(new Action(type, null, List.of(), string(a, "name", where), string(a, "value", where), 0));
                case "handoff" -> {
                    JsonNode pr = a.path("priority");
                    if (!pr.isMissingNode() && !pr.isInt()) {
                        throw new RemoteAnswerException(where + ".priority must be an integer");
                    }
                    out.add(new Action(type, string(a, "reason", where), List.of(), null, null, pr.asInt(5)));
                }
                default -> throw new RemoteAnswerException(where + ".type must be reply, ask, set_slot or handoff (got '" + type + "')");
            }
        }
        return out;
    }

    private static String string(JsonNode a, String field, String where) throws RemoteAnswerException {
        JsonNode v = a.get(field);
        if (v == null || !v.isTextual()) {
            throw new RemoteAnswerException(where + "." + field + " must be a string");
        }
        return v.asText();
    }

    private static List<String> quick(JsonNode a, String where) throws RemoteAnswerException {
        JsonNode q = a.get("quick_replies");
        if (q == null || q.isNull()) {
            return List.of();
        }
        if (!q.isArray()) {
            throw new RemoteAnswerException(where + ".quick_replies must be a list of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode s : q) {
            if (!s.isTextual()) {
                throw new RemoteAnswerException(where + ".quick_replies must be a list of strings");
            }
            out.add(s.asText());
        }
        return out;
    }
}

package io.kefu.handlers.plugin.host;

import io.kefu.handlers.plugin.ErpLookup;
import io.kefu.handlers.plugin.KnowledgeBase;
import io.kefu.handlers.plugin.PluginConfig;
import io.kefu.handlers.plugin.PluginStorage;
import io.kefu.handlers.plugin.Turn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;

/**
 * The {@link Turn} a plugin handler gets: a read-only snapshot of the message plus a buffer of the
 * actions it queues. The buffer is validated as a whole after the handler returned and only then
 * applied, so a plugin that times out or answers garbage leaves no half-applied trace.
 */
final class TurnActions implements Turn {
    static final Pattern SLOT_NAME = Pattern.compile("[A-Za-z0-9.-][A-Za-z0-9_.-]{0,63}");

    record Message(String storeId, String conversationId, String buyerId, String messageId, String text,
                   String language, String intent, double confidence, boolean understood) {
    }

    record Reply(String text, List<String> quickReplies, boolean question) {
    }

    record Handoff(String reason, int priority) {
    }

    private final Message m;
    private final boolean answeringAsk;
    private final Map<String, String> slots;
    private final StoreScopeView scope;
    private final Logger log;
    private final List<Reply> replies = new ArrayList<>();
    private final Map<String, String> slotWrites = new LinkedHashMap<>();
    private Handoff handoff;
    private int actionCount;

    TurnActions(Message m, boolean answeringAsk, Map<String, String> slots, StoreScopeView scope, Logger log) {
        this.m = m;
        this.answeringAsk = answeringAsk;
        this.slots = Map.copyOf(slots);
        this.scope = scope;
        this.log = log;
    }

    @Override public String storeId() { return m.storeId(); }
    @Override public String conversationId() { return m.conversationId(); }
    @Override public String buyerId() { return m.buyerId(); }
    @Override public String messageId() { return m.messageId(); }
    @Override public String text() { return m.text(); }
    @Override public String language() { return m.language(); }
    @Override public String intent() { return m.intent(); }
    @Override public double confidence() { return m.confidence(); }
    @Override public boolean understood() { return m.understood(); }
    @Override public boolean answeringAsk() { return answeringAsk; }
    @Override public PluginConfig config() { return scope.config(); }
    @Override public PluginStorage storage() { return scope.storage(); }
    @Override public ErpLookup erp() { return scope.erp(); }
    @Override public KnowledgeBase knowledge() { return scope.knowledge(); }
    @Override public Logger log() { return log; }

    @Override
    public Optional<String> slot(String name) {
        synchronized (this) {
            if (slotWrites.containsKey(name)) {
                return Optional.of(slotWrites.get(name));
            }
        }
        return Optional.ofNullable(slots.get(name)).filter(v -> !name.startsWith("_"));
    }

    @Override
    public Map<String, String> slots() {
        Map<String, String> all = new LinkedHashMap<>();
        slots.forEach((k, v) -> {
            if (!k.startsWith("_")) {
                all.put(k, v);
            }
        });
        synchronized (this) {
            all.putAll(slotWrites);
        }
        return Map.copyOf(all);
    }

    // Actions are recorded as given; validate() judges them all at once after the handler returned.
    @Override
    public synchronized Turn setSlot(String name, String value) {
        actionCount++;
        slotWrites.put(String.valueOf(name), value);
        return this;
    }

    @Override
    public synchronized Turn reply(String text, String... quickReplies) {
        actionCount++;
        replies.add(new Reply(text, quickReplies == null ? null : Arrays.asList(quickReplies), false));
        return this;
    }

    @Override
    public synchronized Turn ask(String question, String... quickReplies) {
        actionCount++;
        replies.add(new Reply(question, quickReplies == null ? null : Arrays.asList(quickReplies), true));
        return this;
    }

    @Override
    public synchronized Turn handoff(String reason, int priority) {
        actionCount++;
        if (handoff != null) {
            handoff = new Handoff(null, -1); // two hand-offs in one answer is garbage
        } else {
            handoff = new Handoff(reason, priority);
        }
        return this;
    }

    /** Why this answer cannot be applied, or empty when it is fine. */
    synchronized Optional<String> problem() {
        if (actionCount > 50) {
            return Optional.of(actionCount + " actions in one answer");
        }
        if (replies.size() > MAX_REPLIES) {
            return Optional.of(replies.size() + " replies (at most " + MAX_REPLIES + ")");
        }
        for (Reply r : replies) {
            Optional<String> p = text("reply", r.text());
            if (p.isPresent()) {
                return p;
            }
            if (r.quickReplies() == null || r.quickReplies().size() > MAX_QUICK_REPLIES) {
                return Optional.of("quick replies: at most " + MAX_QUICK_REPLIES);
            }
            for (String q : r.quickReplies()) {
                if (q == null || q.isBlank() || q.length() > 100) {
                    return Optional.of("quick reply must be 1-100 characters");
                }
            }
        }
        if (replies.stream().filter(Reply::question).count() > 1) {
            return Optional.of("more than one question in one answer");
        }
        for (Map.Entry<String, String> e : slotWrites.entrySet()) {
            if (!SLOT_NAME.matcher(e.getKey()).matches()) {
                return Optional.of("bad slot name '" + e.getKey() + "' (letters, digits, _ . -; not starting with _)");
            }
            if (e.getValue() == null || e.getValue().length() > MAX_SLOT_VALUE) {
                return Optional.of("slot " + e.getKey() + ": value must be present and at most " + MAX_SLOT_VALUE + " characters");
            }
        }
        if (handoff != null) {
            if (handoff.reason() == null || handoff.reason().isBlank() || handoff.reason().length() > 64) {
                return Optional.of("handoff needs one reason of 1-64 characters");
            }
            if (handoff.priority() < 0 || handoff.priority() > 100) {
                return Optional.of("handoff priority must be 0-100");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> text(String what, String t) {
        if (t == null || t.isBlank()) {
            return Optional.of(what + " text is blank");
        }
        if (t.length() > MAX_TEXT) {
            return Optional.of(what + " text has " + t.length() + " characters (at most " + MAX_TEXT + ")");
        }
        if (t.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\t')) {
            return Optional.of(what + " text contains control characters");
        }
        return Optional.empty();
    }

    synchronized List<Reply> replies() {
        return List.copyOf(replies);
    }

    synchronized Map<String, String> slotWrites() {
        return new LinkedHashMap<>(slotWrites);
    }

    synchronized Optional<Handoff> handoffAction() {
        return Optional.ofNullable(handoff);
    }

    /** A reply, question or hand-off: the plugin answered the turn (slots alone do not). */
    synchronized boolean answers() {
        return !replies.isEmpty() || handoff != null;
    }

    synchronized boolean asks() {
        return replies.stream().anyMatch(Reply::question);
    }
}

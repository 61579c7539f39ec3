package io.kefu.handlers.plugin;

import java.util.Map;
import java.util.Optional;

/**
 * One buyer message as a plugin sees it, plus the actions the plugin queues in answer. Nothing a
 * plugin queues takes effect until its handler returns in time; invalid actions (blank or
 * oversized text, bad slot names, too many replies) fail the whole answer.
 */
public interface Turn extends StoreScope {
    /** Limits a plugin's answer must respect. */
    int MAX_TEXT = 4000;
    int MAX_REPLIES = 5;
    int MAX_QUICK_REPLIES = 10;
    int MAX_SLOT_VALUE = 1024;

    String conversationId();

    String buyerId();

    /** The platform's message id (stable across redeliveries). */
    String messageId();

    String text();

    /** "zh" or "en". */
    String language();

    /** The classified intent (meaningful when {@link #understood()}). */
    String intent();

    double confidence();

    /** False when the classifier was not confident (a fallback). */
    boolean understood();

    /** True when this message answers a question the plugin asked with {@link #ask}. */
    boolean answeringAsk();

    /** A slot of this conversation (its own memory: order id, size, …). */
    Optional<String> slot(String name);

    /** All slots of this conversation (read-only copy). */
    Map<String, String> slots();

    /** Sets a slot: name {@code [A-Za-z0-9_.-]{1,64}} not starting with {@code _}, value ≤ 1024 chars. */
    Turn setSlot(String name, String value);

    /** Queues a reply, optionally with quick-reply buttons. */
    Turn reply(String text, String... quickReplies);

    /** Queues a question; the buyer's next message comes back to the same handler. */
    Turn ask(String question, String... quickReplies);

    /** Hands the conversation to a person (priority 0–100, higher first); kefu sends the holding reply. */
    Turn handoff(String reason, int priority);

    /** The turn's logger ({@code kefu.plugin.<id>}). */
    org.slf4j.Logger log();
}

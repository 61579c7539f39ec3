package io.kefu.handlers.dialogue;

import io.kefu.handlers.bot.TurnContext;
import io.kefu.proto.v1.OutboundMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects what the dialogue says in one turn and sends it as one reply: a buyer's message gets
 * exactly one answer (clients and the load generator count on it), even when a step's answer, the
 * next prompt, a handler's answer to an interruption and a handoff notice all happen in one turn.
 */
final class Replies {
    private final List<String> before = new ArrayList<>();
    private final List<String> after = new ArrayList<>();
    private final List<String> quick = new ArrayList<>();

    void say(String text) {
        if (text != null && !text.isBlank()) {
            before.add(text);
        }
    }

    /** Text that goes after whatever handlers already queued (e.g. the prompt we come back to). */
    void sayAfter(String text) {
        if (text != null && !text.isBlank()) {
            after.add(text);
        }
    }

    void quickReplies(List<String> q) {
        quick.clear();
        quick.addAll(q);
    }

    boolean isEmpty() {
        return before.isEmpty() && after.isEmpty();
    }

    /** Merges our texts with replies already queued in the turn into a single bot reply. */
    void flush(TurnContext ctx) {
        List<OutboundMessage> queued = ctx.replies();
        if (isEmpty() && queued.size() <= 1) {
            return;
        }
        List<String> texts = new ArrayList<>(before);
        List<String> q = new ArrayList<>();
        for (OutboundMessage r : queued) {
            texts.add(r.getText());
            q.addAll(r.getQuickRepliesList());
        }
        texts.addAll(after);
        if (!quick.isEmpty()) {
            q = new ArrayList<>(quick);
        }
        ctx.clearReplies();
        ctx.reply(String.join("\n", texts), q.toArray(String[]::new));
        before.clear();
        after.clear();
        quick.clear();
    }
}

package io.kefu.handlers.bot;

/**
 * Decides what the buyer gets when a handler or middleware throws. The turn is still committed
 * afterwards, so one broken handler never wedges a conversation.
 */
@FunctionalInterface
public interface ErrorHandler {
    void handle(TurnContext ctx, Exception error);
}

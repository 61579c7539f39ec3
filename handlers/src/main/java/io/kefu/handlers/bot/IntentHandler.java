package io.kefu.handlers.bot;

/** Answers one understood intent: typically {@code ctx.reply(...)}, sometimes {@code ctx.handoff(...)}. */
@FunctionalInterface
public interface IntentHandler {
    void handle(TurnContext ctx) throws Exception;
}

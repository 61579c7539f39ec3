package io.kefu.handlers.bot;

/**
 * One step of a turn. Call {@code next.run()} to continue; return without calling it to stop the
 * turn here (what is in the context so far is still committed).
 */
@FunctionalInterface
public interface Middleware {
    void handle(TurnContext ctx, Next next) throws Exception;

    @FunctionalInterface
    interface Next {
        void run() throws Exception;
    }
}

package io.kefu.handlers.store;

/**
 * Another worker (on this node or another) changed the conversation or consumed the message
 * between our read and our commit. Nothing of this turn was written; reload and run it again.
 */
public final class ConcurrentTurnException extends RuntimeException {
    public ConcurrentTurnException(String message) {
        super(message, null, false, false);
    }
}

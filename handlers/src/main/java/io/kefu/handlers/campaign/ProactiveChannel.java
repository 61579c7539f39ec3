package io.kefu.handlers.campaign;

/** Where the engine hands a proactive message; durable when this returns. */
@FunctionalInterface
public interface ProactiveChannel {
    /** Returns true when the message is new, false when it was handed over before (a rerun). */
    boolean deliver(ProactiveMessage message);
}

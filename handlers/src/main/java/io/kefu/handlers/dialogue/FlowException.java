package io.kefu.handlers.dialogue;

/** A flow file that cannot be used; the message names the file and line. */
public final class FlowException extends RuntimeException {
    public FlowException(String source, int line, String message) {
        super(source + ":" + line + ": " + message);
    }
}

package io.kefu.handlers.handoff;

/**
 * The answer to a desk action. {@code ACCEPTED}: the command is durable in the conversation's
 * inbox and will be applied in order (the console sees the outcome as a live event).
 */
public record DeskResult(Outcome outcome, String message, String commandId) {
    public enum Outcome { ACCEPTED, NOT_FOUND, CONFLICT, INVALID }

    public static DeskResult accepted(String commandId) {
        return new DeskResult(Outcome.ACCEPTED, "accepted", commandId);
    }

    public static DeskResult notFound(String message) {
        return new DeskResult(Outcome.NOT_FOUND, message, "");
    }

    public static DeskResult conflict(String message) {
        return new DeskResult(Outcome.CONFLICT, message, "");
    }

    public static DeskResult invalid(String message) {
        return new DeskResult(Outcome.INVALID, message, "");
    }

    public boolean accepted() {
        return outcome == Outcome.ACCEPTED;
    }
}

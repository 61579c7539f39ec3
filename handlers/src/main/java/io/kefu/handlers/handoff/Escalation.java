package io.kefu.handlers.handoff;

/** The decision to call a person: why (recorded on the ticket), how urgent, and which team. */
public record Escalation(String reason, int priority, String skillGroup) {
}

package io.kefu.gateway.console;

import java.util.Set;

/**
 * Someone who may log in to the console: an agent (takes conversations) or a supervisor (sees the
 * whole desk of their store and may act on any of its conversations). Always one store.
 */
public record ConsoleAccount(String username, String passwordHash, Role role, String storeId, String name, int capacity,
                             Set<String> groups) {
    public enum Role { AGENT, SUPERVISOR }

    public ConsoleAccount {
        groups = Set.copyOf(groups);
    }

    public boolean supervisor() {
        return role == Role.SUPERVISOR;
    }

    /** The actor name written on the commands this account issues. */
    public String actor() {
        return supervisor() ? io.kefu.handlers.handoff.AgentCommandTurn.SUPERVISOR_PREFIX + username : username;
    }
}

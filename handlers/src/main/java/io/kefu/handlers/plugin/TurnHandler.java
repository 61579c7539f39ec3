package io.kefu.handlers.plugin;

/** Handles one buyer message: read the {@link Turn}, queue actions on it. */
@FunctionalInterface
public interface TurnHandler {
    void handle(Turn turn) throws Exception;
}

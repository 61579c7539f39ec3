package io.kefu.handlers.store;

import io.kefu.proto.v1.DialogueState;

/** A conversation's state as read, with the version a commit must still find. */
public record LoadedState(DialogueState state, long version) {
}

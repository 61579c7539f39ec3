package io.kefu.gateway.dialogue;

import io.kefu.gateway.extension.NodeContext;
import io.kefu.handlers.dialogue.Answerer;

/** The knowledge base of a node (filled in with the knowledge package). */
final class KnowledgeSetup implements AutoCloseable {
    static KnowledgeSetup start(NodeContext ctx, DialogueSettings s) {
        return null;
    }

    Answerer answerer() {
        return Answerer.NONE;
    }

    @Override
    public void close() {
    }
}

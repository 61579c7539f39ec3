package io.kefu.gateway.dialogue;

import io.kefu.gateway.extension.NodeContext;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;

/**
 * Where a node's ERP simulator listens, when {@code erp.simulator} is on (the demo): the sandbox's
 * extension starts one and registers it here for its node; the dialogue extension's ERP client looks
 * it up on each call, so the two extensions may start in any order.
 */
public final class ErpEndpoints {
    private static final Map<NodeContext, URI> BY_NODE = new WeakHashMap<>();

    private ErpEndpoints() {
    }

    public static synchronized void provide(NodeContext node, URI baseUrl) {
        BY_NODE.put(node, baseUrl);
    }

    public static synchronized void withdraw(NodeContext node) {
        BY_NODE.remove(node);
    }

    public static synchronized Optional<URI> of(NodeContext node) {
        return Optional.ofNullable(BY_NODE.get(node));
    }
}

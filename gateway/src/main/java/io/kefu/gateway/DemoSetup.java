package io.kefu.gateway;

import io.kefu.handlers.config.KefuConfig;
import java.util.List;

/**
 * Extra demo wiring for {@code ./kefu start --demo} only: an implementation (found with
 * {@link java.util.ServiceLoader}, {@code META-INF/services/io.kefu.gateway.DemoSetup}; the sandbox
 * module has one that starts the platform simulators) gets the built-in demo config before the node
 * starts and returns it with whatever it added (channels pointing at its simulators, a
 * {@code campaigns:} section, …). {@link KefuNode.Options#demo()} never calls it, so tests that use
 * the demo store start no simulators.
 */
public interface DemoSetup extends AutoCloseable {

    /** Starts what the demo needs and returns the config to start the node with (records are immutable). */
    KefuConfig prepare(KefuConfig demoConfig) throws Exception;

    /** Extra lines for the start banner, e.g. {@code "  slack simulator   http://127.0.0.1:40001"}. */
    default List<String> describe(KefuNode node) {
        return List.of();
    }

    /** Stops what {@link #prepare} started (after the node has stopped). */
    @Override
    default void close() throws Exception {
    }
}

package io.kefu.gateway.extension;

/**
 * An optional part of a node — a platform connector, the agent console, the admin API — started
 * after the core (Redis, model, bot, dispatcher) and before the server accepts connections.
 * Built-in extensions are found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.kefu.gateway.extension.NodeExtension}); an extension with nothing
 * configured for it should do nothing.
 */
public interface NodeExtension extends AutoCloseable {

    /** For logs and errors. */
    String name();

    /**
     * Validates its configuration (errors name the key), registers endpoints, deliveries and bot
     * handlers on the context, and starts its own threads or connections.
     */
    void start(NodeContext ctx) throws Exception;

    /** Called after the HTTP server is listening (e.g. to open outgoing platform connections). */
    default void started(NodeContext ctx) throws Exception {
    }

    @Override
    default void close() throws Exception {
    }
}

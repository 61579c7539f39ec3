package io.kefu.sandbox.sim;

/**
 * A chat platform's side on loopback, as the conformance suite and {@code --demo} drive it: it
 * serves the platform's APIs at {@link #baseUrl()} and can lose its connections or its whole
 * process (state kept) and come back, like the real platform's front end.
 */
public interface PlatformSimulator extends AutoCloseable {

    PlatformSimulator start();

    String baseUrl();

    /** Every open connection dropped without ceremony; the server keeps listening. */
    void dropConnections();

    /** Process killed: nothing listens, every connection is gone; what it recorded is kept for {@link #restart()}. */
    void kill();

    void restart();

    @Override
    void close();
}

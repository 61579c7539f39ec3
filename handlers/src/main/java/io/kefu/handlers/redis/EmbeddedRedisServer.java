package io.kefu.handlers.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

/**
 * The Redis that kefu starts itself when no {@code KEFU_REDIS_URL} is given: a real redis-server
 * (6.2, bundled by embedded-redis) on a free loopback port, with AOF on ({@code appendfsync everysec})
 * and its files under the given directory, so a restart finds every conversation where it was.
 */
public final class EmbeddedRedisServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedRedisServer.class);

    private final RedisServer server;
    private final int port;
    private final Path dir;

    private EmbeddedRedisServer(RedisServer server, int port, Path dir) {
        this.server = server;
        this.port = port;
        this.dir = dir;
    }

    /** Starts on a free port; AOF files go under {@code dir}. */
    public static EmbeddedRedisServer start(Path dir) {
        return start(dir, freePort());
    }

    public static EmbeddedRedisServer start(Path dir, int port) {
        try {
            Files.createDirectories(dir);
            RedisServer server = RedisServer.newRedisServer()
                    .bind("127.0.0.1")
                    .port(port)
                    .setting("dir " + dir.toAbsolutePath())
                    .setting("appendonly yes")
                    .setting("appendfsync everysec")
                    .setting("save \"\"")
                    .setting("protected-mode yes")
                    // SIGTERM and wait: Redis flushes the AOF of every write it acknowledged before it exits.
                    .onShutdownForceStop(false)
                    .build();
            server.start();
            Files.writeString(dir.resolve(PORT_FILE), Integer.toString(port));
            log.info("embedded Redis listening on 127.0.0.1:{} (AOF in {})", port, dir.toAbsolutePath());
            return new EmbeddedRedisServer(server, port, dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded Redis in " + dir + ": " + e.getMessage(), e);
        }
    }

    static final String PORT_FILE = "kefu-redis.port";

    /**
     * The URL of an embedded Redis that a running kefu started in {@code dir}, if one answers there:
     * tools must not start a second server on the same AOF files.
     */
    public static java.util.Optional<String> runningIn(Path dir) {
        Path f = dir.resolve(PORT_FILE);
        if (!Files.isRegularFile(f)) {
            return java.util.Optional.empty();
        }
        try {
            int port = Integer.parseInt(Files.readString(f).trim());
            try (java.net.Socket s = new java.net.Socket()) {
                s.connect(new java.net.InetSocketAddress("127.0.0.1", port), 500);
            }
            return java.util.Optional.of("redis://127.0.0.1:" + port);
        } catch (IOException | NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public Path dir() {
        return dir;
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(dir.resolve(PORT_FILE));
            server.stop();
        } catch (IOException e) {
            log.warn("embedded Redis did not stop cleanly: {}", e.getMessage());
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

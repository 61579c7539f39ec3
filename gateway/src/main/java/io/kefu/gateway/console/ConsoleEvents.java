package io.kefu.gateway.console;

import com.google.protobuf.InvalidProtocolBufferException;
import io.kefu.handlers.redis.RedisKeys;
import io.kefu.proto.v1.AgentEvent;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.BinaryJedisPubSub;
import redis.clients.jedis.UnifiedJedis;

/**
 * Listens to every store's desk events on Redis pub/sub (published by whichever node ran the turn
 * or the sweep) and hands them to this node's consoles. Reconnects when Redis goes away; events
 * missed meanwhile only delay a refresh, since the page reloads its views when its socket returns.
 */
final class ConsoleEvents implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ConsoleEvents.class);

    private final UnifiedJedis redis;
    private final Consumer<AgentEvent> sink;
    private final Thread thread;
    private volatile boolean closed;
    private volatile BinaryJedisPubSub current;

    ConsoleEvents(UnifiedJedis redis, Consumer<AgentEvent> sink) {
        this.redis = redis;
        this.sink = sink;
        this.thread = new Thread(this::run, "kefu-console-events");
        this.thread.setDaemon(true);
    }

    ConsoleEvents start() {
        thread.start();
        return this;
    }

    private void run() {
        byte[] pattern = RedisKeys.consoleEventsPattern().getBytes(StandardCharsets.UTF_8);
        while (!closed) {
            BinaryJedisPubSub sub = new BinaryJedisPubSub() {
                @Override
                public void onPMessage(byte[] p, byte[] channel, byte[] message) {
                    try {
                        sink.accept(AgentEvent.parseFrom(message));
                    } catch (InvalidProtocolBufferException e) {
                        log.warn("unreadable console event on {}", new String(channel, StandardCharsets.UTF_8));
                    } catch (RuntimeException e) {
                        log.warn("console event not delivered: {}", e.toString());
                    }
                }
            };
            current = sub;
            try {
                redis.psubscribe(sub, pattern);
            } catch (RuntimeException e) {
                if (closed) {
                    return;
                }
                log.warn("console events subscription lost ({}); retrying in 1 s", e.getMessage());
                try {
                    Thread.sleep(1000); // back-off before reconnecting, not synchronisation
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        BinaryJedisPubSub sub = current;
        if (sub != null && sub.isSubscribed()) {
            try {
                sub.punsubscribe();
            } catch (RuntimeException ignored) {
                // the connection is already gone: the thread ends on its own
            }
        }
        thread.interrupt();
    }
}

package io.kefu.handlers.nlu;

import io.kefu.nlp.IntentClassifier;
import io.kefu.nlp.model.IntentModel;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.UnifiedJedis;

/**
 * The model this node classifies with, switched without downtime when a model is activated on
 * any node: the new model is loaded next to the old one and swapped in with one reference write.
 * A turn reads the reference once, so in-flight turns finish on the model they started with and
 * no message fails during a swap. Listens on Redis pub/sub, and re-reads the active id after every
 * (re)subscribe so an event missed while disconnected is not missed for long.
 */
public final class ModelSwitcher implements Supplier<IntentClassifier>, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ModelSwitcher.class);

    private final UnifiedJedis redis;
    private final RedisModelRegistry registry;
    private final Function<IntentModel, IntentClassifier> wrap;
    private final AtomicReference<IntentClassifier> current;
    private final Thread listener;
    private volatile boolean closed;
    private volatile JedisPubSub subscription;

    /**
     * @param initial the model from configuration, used until (and unless) one is activated in Redis
     * @param wrap    applied to every model loaded from the registry (e.g. the store's fallback override)
     */
    public ModelSwitcher(UnifiedJedis redis, RedisModelRegistry registry, IntentClassifier initial,
                         Function<IntentModel, IntentClassifier> wrap) {
        this.redis = redis;
        this.registry = registry;
        this.wrap = wrap;
        this.current = new AtomicReference<>(initial);
        this.listener = new Thread(this::listen, "kefu-model-events");
        this.listener.setDaemon(true);
    }

    /** Loads the active model if one is published, then starts listening. */
    public ModelSwitcher start() {
        syncWithActive();
        listener.start();
        return this;
    }

    @Override
    public IntentClassifier get() {
        return current.get();
    }

    public String currentId() {
        return current.get().modelId();
    }

    /** Switches to the published active model if it differs from ours. */
    public void syncWithActive() {
        try {
            registry.activeId().ifPresent(this::switchTo);
        } catch (RuntimeException e) {
            log.warn("cannot read the active model id: {}", e.getMessage());
        }
    }

    synchronized void switchTo(String id) {
        if (id.equals(current.get().modelId())) {
            return;
        }
        try {
            Optional<IntentModel> model = registry.load(id);
            if (model.isEmpty()) {
                log.error("model {} was activated but its file is not in Redis; keeping {}", id, currentId());
                return;
            }
            IntentClassifier next = wrap.apply(model.get());
            IntentClassifier previous = current.getAndSet(next);
            log.info("intent model switched from {} to {}", previous.modelId(), next.modelId());
        } catch (Exception e) {
            log.error("cannot load model {}; keeping {}", id, currentId(), e);
        }
    }

    private void listen() {
        long backoff = 200;
        while (!closed) {
            try {
                JedisPubSub sub = new JedisPubSub() {
                    @Override
                    public void onSubscribe(String channel, int count) {
                        syncWithActive();
                    }

                    @Override
                    public void onMessage(String channel, String id) {
                        switchTo(id);
                    }
                };
                subscription = sub;
                redis.subscribe(sub, RedisModelRegistry.EVENTS);
                backoff = 200;
            } catch (RuntimeException e) {
                if (closed) {
                    return;
                }
                log.debug("model event subscription lost ({}); retrying in {} ms", e.getMessage(), backoff);
                try {
                    Thread.sleep(backoff); // reconnect backoff, not synchronisation
                } catch (InterruptedException ie) {
                    return;
                }
                backoff = Math.min(5000, backoff * 2);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        JedisPubSub sub = subscription;
        if (sub != null) {
            try {
                sub.unsubscribe();
            } catch (RuntimeException ignored) {
                // connection already gone
            }
        }
        listener.interrupt();
    }
}

package io.kefu.gateway;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;

/**
 * Pings Redis every second so {@code /readyz} answers from memory and turns red while Redis is
 * gone; logs each transition once rather than every failed ping.
 */
public final class ReadinessProbe {
    private static final Logger log = LoggerFactory.getLogger(ReadinessProbe.class);

    private final UnifiedJedis redis;
    private final BooleanSupplier modelLoaded;
    private volatile boolean redisUp = true;

    public ReadinessProbe(UnifiedJedis redis, BooleanSupplier modelLoaded) {
        this.redis = redis;
        this.modelLoaded = modelLoaded;
    }

    public void start(ScheduledExecutorService timer) {
        timer.scheduleWithFixedDelay(this::check, 1, 1, TimeUnit.SECONDS);
    }

    void check() {
        boolean up;
        try {
            up = "PONG".equalsIgnoreCase(redis.ping());
        } catch (RuntimeException e) {
            up = false;
        }
        if (up != redisUp) {
            if (up) {
                log.info("Redis is reachable again");
            } else {
                log.warn("Redis is unreachable; /readyz reports not ready until it is back");
            }
        }
        redisUp = up;
    }

    public boolean redisUp() {
        return redisUp;
    }

    public boolean modelLoaded() {
        return modelLoaded.getAsBoolean();
    }

    public boolean ready() {
        return redisUp && modelLoaded();
    }
}

package io.kefu.gateway.connector;

import java.util.function.LongSupplier;

/**
 * A token bucket that never blocks: {@link #reserve()} takes a token now or in the future and says
 * how long to wait for it, so a caller schedules the send instead of parking a thread.
 */
public final class TokenBucket {
    private final double perNano;
    private final double burst;
    private final LongSupplier nanoClock;
    private double tokens;
    private long last;

    public TokenBucket(double perSecond, int burst) {
        this(perSecond, burst, System::nanoTime);
    }

    public TokenBucket(double perSecond, int burst, LongSupplier nanoClock) {
        this.perNano = perSecond / 1e9;
        this.burst = burst;
        this.nanoClock = nanoClock;
        this.tokens = burst;
        this.last = nanoClock.getAsLong();
    }

    /** Takes one token; returns the nanoseconds to wait before using it (0 = now). */
    public synchronized long reserve() {
        long now = nanoClock.getAsLong();
        tokens = Math.min(burst, tokens + (now - last) * perNano);
        last = now;
        tokens -= 1;
        return tokens >= 0 ? 0 : (long) Math.ceil(-tokens / perNano);
    }

    /** Pushes the next token out by {@code nanos} (the platform said "retry after"). */
    public synchronized void penalize(long nanos) {
        long now = nanoClock.getAsLong();
        tokens = Math.min(burst, tokens + (now - last) * perNano);
        last = now;
        tokens = Math.min(tokens, 0) - nanos * perNano;
    }
}

package io.kefu.gateway.connector;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Capped exponential backoff with "equal jitter": attempt n waits between half and all of
 * min(cap, base * 2^n). The random half spreads out many clients reconnecting to one platform at
 * once; the fixed half keeps a flapping link from being hammered.
 */
public record Backoff(Duration base, Duration cap) {
    public Backoff {
        if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < base <= cap");
        }
    }

    /** The delay before attempt {@code attempt} (0 = the first retry). */
    public Duration delay(int attempt) {
        long capMs = cap.toMillis();
        long exp = base.toMillis() << Math.min(Math.max(attempt, 0), 30);
        long ceiling = exp <= 0 || exp > capMs ? capMs : exp;
        long half = ceiling / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(ceiling - half + 1));
    }
}

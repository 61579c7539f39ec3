package io.kefu.handlers.erp;

import java.time.Clock;
import java.time.Duration;

/**
 * Stops hammering an ERP that is down: after {@code failures} failed calls in a row every call
 * fails at once for {@code openFor}; then one trial call is let through (half-open) and its
 * outcome closes or re-opens the breaker. Buyers get the "cannot check now" path in
 * microseconds instead of waiting out timeouts.
 */
public final class CircuitBreaker {
    public enum State { CLOSED, OPEN, HALF_OPEN }

    private final int failures;
    private final Duration openFor;
    private final Clock clock;
    private int consecutiveFailures;
    private long openedAt;
    private State state = State.CLOSED;
    private boolean trialInFlight;

    public CircuitBreaker(int failures, Duration openFor, Clock clock) {
        this.failures = failures;
        this.openFor = openFor;
        this.clock = clock;
    }

    /** Whether a call may go out now. */
    public synchronized boolean allow() {
        if (state == State.OPEN && clock.millis() - openedAt >= openFor.toMillis()) {
            state = State.HALF_OPEN;
            trialInFlight = false;
        }
        return switch (state) {
            case CLOSED -> true;
            case OPEN -> false;
            case HALF_OPEN -> {
                if (trialInFlight) {
                    yield false;
                }
                trialInFlight = true;
                yield true;
            }
        };
    }

    public synchronized void success() {
        consecutiveFailures = 0;
        state = State.CLOSED;
        trialInFlight = false;
    }

    public synchronized void failure() {
        consecutiveFailures++;
        if (state == State.HALF_OPEN || consecutiveFailures >= failures) {
            state = State.OPEN;
            openedAt = clock.millis();
            trialInFlight = false;
        }
    }

    public synchronized State state() {
        if (state == State.OPEN && clock.millis() - openedAt >= openFor.toMillis()) {
            return State.HALF_OPEN;
        }
        return state;
    }
}

package io.kefu.sandbox.erp;

/**
 * What the simulator does wrong on purpose, switchable at run time: answer slowly, fail with 503,
 * sign its answers wrongly, or answer with something that is not JSON.
 */
public final class ErpFaults {
    public enum Mode { NONE, DOWN, BAD_SIGNATURE, GARBAGE }

    private volatile long delayMs;
    private volatile Mode mode = Mode.NONE;

    public ErpFaults delay(long ms) {
        this.delayMs = ms;
        return this;
    }

    public ErpFaults mode(Mode m) {
        this.mode = m;
        return this;
    }

    public ErpFaults reset() {
        delayMs = 0;
        mode = Mode.NONE;
        return this;
    }

    long delayMs() {
        return delayMs;
    }

    Mode mode() {
        return mode;
    }
}

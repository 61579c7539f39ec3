package io.kefu.handlers.redis;

/** Redis cannot be reached (at start, or for one operation at run time). Nothing was written. */
public final class RedisUnavailableException extends RuntimeException {
    public RedisUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

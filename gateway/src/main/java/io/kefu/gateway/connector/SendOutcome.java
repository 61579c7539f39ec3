package io.kefu.gateway.connector;

import java.time.Duration;

/**
 * How one send attempt went. Only {@link Accepted} lets a reply leave the outbox; the others tell
 * {@link ReplySendQueue} whether and when to try again.
 */
public sealed interface SendOutcome {

    /** The platform accepted the reply (its id for it, if it gives one). */
    record Accepted(String platformId) implements SendOutcome {}

    /** The platform asked us to slow down (HTTP 429 + Retry-After, or its own "frequency" error). */
    record RateLimited(Duration retryAfter, String reason) implements SendOutcome {}

    /** Worth retrying with backoff: network error, 5xx, an expired token that was refreshed. */
    record Transient(String reason) implements SendOutcome {}

    /** Will never succeed as is (recipient gone, send window closed, bad request): no retry. */
    record Permanent(String reason) implements SendOutcome {}

    static SendOutcome accepted(String id) {
        return new Accepted(id == null ? "" : id);
    }
}

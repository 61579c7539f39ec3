package io.kefu.gateway.connector;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An app's access token on a platform that issues short-lived ones (WeCom access_token, Feishu
 * tenant_access_token, Douyin client_token): cached until 5 minutes before the lifetime the
 * platform gave, fetched once for all concurrent callers, and dropped when an API call says it is
 * invalid or expired so the next call fetches a fresh one. Only the token call itself differs per
 * platform, so it comes in as {@code fetch}.
 */
public final class AccessToken {
    private static final Logger log = LoggerFactory.getLogger(AccessToken.class);
    static final long MARGIN_MS = 5 * 60_000;

    /** A token as the platform issued it, with the lifetime it announced. */
    public record Issued(String token, long lifetimeSeconds) {}

    /** The token call was refused; {@link #badCredentials()} when the platform said the app's id or secret is wrong. */
    public static final class Refused extends RuntimeException {
        private final boolean badCredentials;

        public Refused(String message, boolean badCredentials) {
            super(message);
            this.badCredentials = badCredentials;
        }

        public boolean badCredentials() {
            return badCredentials;
        }
    }

    private final String name;
    private final Clock clock;
    private final Supplier<CompletableFuture<Issued>> fetch;
    private String token;
    private long expiresAtMs;
    private CompletableFuture<String> fetching;

    /**
     * @param name  the platform's name for the token call, for logs ("gettoken")
     * @param fetch one call of the platform's token API; fails with {@link Refused} when refused
     */
    public AccessToken(String name, Clock clock, Supplier<CompletableFuture<Issued>> fetch) {
        this.name = name;
        this.clock = clock;
        this.fetch = fetch;
    }

    public synchronized CompletableFuture<String> get() {
        if (token != null && clock.millis() < expiresAtMs) {
            return CompletableFuture.completedFuture(token);
        }
        if (fetching == null) {
            CompletableFuture<String> f = fetch.get().thenApply(issued -> {
                long ttl = issued.lifetimeSeconds() * 1000;
                synchronized (this) {
                    token = issued.token();
                    // A short lifetime would leave nothing after the margin: then renew at half-life.
                    expiresAtMs = clock.millis() + Math.max(ttl - MARGIN_MS, ttl / 2);
                }
                return issued.token();
            });
            fetching = f;
            f.whenComplete((t, e) -> {
                synchronized (this) {
                    fetching = null;
                }
            });
        }
        return fetching;
    }

    /** Forgets {@code stale} (if still current) so the next {@link #get} fetches anew. */
    public synchronized void invalidate(String stale) {
        if (stale != null && stale.equals(token)) {
            token = null;
        }
    }

    /**
     * A connector's credential check at start: waits up to 10 s for the first token. Refused
     * credentials fail the channel and stop the node, naming the secret's setting; a platform that
     * is only unreachable or slow is logged, since every send fetches the token again anyway.
     *
     * @param credentials the setting keys of the app's id and secret as the error shows them ("corp_id/secret")
     * @param secretKey   the setting whose path the error names
     */
    public void checkAtStart(ConnectorContext ctx, ConnectionStateHolder state, String platform, String credentials,
                             String secretKey) throws InterruptedException, ConnectorStartException {
        String channel = ctx.channel().id();
        try {
            get().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Refused r && r.badCredentials()) {
                state.set(ConnectionState.FAILED);
                throw new ConnectorStartException(platform + " refused " + credentials + " of channel " + channel + " ("
                        + ctx.settingPath(secretKey) + "): " + r.getMessage());
            }
            log.warn("{} channel {}: {} failed ({}); sends will retry", platform, channel, name, e.getCause().toString());
        } catch (TimeoutException e) {
            log.warn("{} channel {}: {} timed out; sends will retry", platform, channel, name);
        }
    }
}

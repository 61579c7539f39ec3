package io.kefu.handlers.erp;

import java.net.URI;
import java.time.Duration;

/**
 * How to reach one ERP and how patient to be with it.
 *
 * @param budget           how long a buyer's turn waits for an answer before sending a holding reply
 * @param timeout          one HTTP attempt's limit (the late answer may take this × attempts)
 * @param retries          extra attempts after a timeout, connection error or 5xx
 * @param breakerFailures  consecutive failed calls that open the circuit breaker
 * @param breakerOpenFor   how long an open breaker fails calls at once before letting one through
 */
public record ErpSettings(URI baseUrl, String appKey, String appSecret, Duration budget, Duration timeout, int retries,
                          int breakerFailures, Duration breakerOpenFor) {
    public static final Duration DEFAULT_BUDGET = Duration.ofMillis(800);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);
    public static final int DEFAULT_RETRIES = 2;
    public static final int DEFAULT_BREAKER_FAILURES = 5;
    public static final Duration DEFAULT_BREAKER_OPEN_FOR = Duration.ofSeconds(30);

    public static ErpSettings of(URI baseUrl, String appKey, String appSecret) {
        return new ErpSettings(baseUrl, appKey, appSecret, DEFAULT_BUDGET, DEFAULT_TIMEOUT, DEFAULT_RETRIES,
                DEFAULT_BREAKER_FAILURES, DEFAULT_BREAKER_OPEN_FOR);
    }

    public ErpSettings withBaseUrl(URI url) {
        return new ErpSettings(url, appKey, appSecret, budget, timeout, retries, breakerFailures, breakerOpenFor);
    }

    public ErpSettings withBudget(Duration d) {
        return new ErpSettings(baseUrl, appKey, appSecret, d, timeout, retries, breakerFailures, breakerOpenFor);
    }

    public ErpSettings withTimeout(Duration d, int retries) {
        return new ErpSettings(baseUrl, appKey, appSecret, budget, d, retries, breakerFailures, breakerOpenFor);
    }

    public ErpSettings withBreaker(int failures, Duration openFor) {
        return new ErpSettings(baseUrl, appKey, appSecret, budget, timeout, retries, failures, openFor);
    }
}

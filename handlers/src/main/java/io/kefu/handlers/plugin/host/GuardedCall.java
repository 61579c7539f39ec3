package io.kefu.handlers.plugin.host;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs plugin code on the plugin's own threads and waits at most its budget. A hung call is
 * interrupted and abandoned; since each plugin has a bounded pool, a plugin that hangs every call
 * only exhausts its own threads (further calls are refused as {@code overloaded}).
 */
final class GuardedCall {
    enum Failure { ERROR, TIMEOUT, GARBAGE, OVERLOADED }

    record Outcome(Failure failure, Throwable error) {
        static final Outcome OK = new Outcome(null, null);

        boolean ok() {
            return failure == null;
        }

        String describe() {
            return failure.name().toLowerCase() + (error == null ? "" : ": " + error);
        }
    }

    private GuardedCall() {
    }

    static Outcome run(ExecutorService pool, Duration budget, Callable<?> work) throws InterruptedException {
        Future<?> f;
        try {
            f = pool.submit(work);
        } catch (RejectedExecutionException e) {
            return new Outcome(Failure.OVERLOADED, e);
        }
        try {
            f.get(budget.toNanos(), TimeUnit.NANOSECONDS);
            return Outcome.OK;
        } catch (TimeoutException e) {
            f.cancel(true);
            return new Outcome(Failure.TIMEOUT, new TimeoutException("no answer within " + budget.toMillis() + " ms"));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof java.net.http.HttpTimeoutException) {
                return new Outcome(Failure.TIMEOUT, cause); // a remote plugin past its deadline
            }
            if (cause instanceof io.kefu.handlers.plugin.remote.RemoteAnswerException) {
                return new Outcome(Failure.GARBAGE, cause);
            }
            return new Outcome(Failure.ERROR, cause);
        } catch (InterruptedException e) {
            f.cancel(true);
            throw e;
        }
    }
}

package io.kefu.sandbox.loadgen;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Drives {@link BuyerConnection}s on an open-loop schedule: message k of the whole run is due
 * at {@code start + k / rate} and goes to connection {@code k mod N}, whatever the server does.
 * Latency is measured from that due time, not from when the write happened, so a server that
 * falls behind shows up as latency (no coordinated omission).
 */
public final class LoadGenerator {

    private static final long CONNECT_TIMEOUT_SECONDS = 15;

    private final BenchOptions options;
    private final PrintStream log;

    public LoadGenerator(BenchOptions options, PrintStream log) {
        this.options = options;
        this.log = log;
    }

    /** @throws IllegalStateException when the buyers cannot connect or authenticate */
    public BenchResult run() throws InterruptedException {
        int threads = Math.min(options.connections(), Runtime.getRuntime().availableProcessors());
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
        try {
            return run(group);
        } finally {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private BenchResult run(EventLoopGroup group) throws InterruptedException {
        // A fresh buyer-id prefix per run, so replies an earlier run left unacked never count here.
        String runId = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        int n = options.connections();
        LatencyRecorder latency = new LatencyRecorder();
        MessageLedger ledger = new MessageLedger(latency);
        Bootstrap template = new Bootstrap().group(group);

        log.printf("bench: connecting %d buyers to %s%n", n, options.channelUri());
        List<BuyerConnection> buyers = new ArrayList<>(n);
        List<CompletableFuture<Void>> authed = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            BuyerConnection b = new BuyerConnection(template, group.next(), options.channelUri(),
                    "bench-" + runId + "-" + i, ledger);
            buyers.add(b);
            authed.add(b.start());
        }
        try {
            awaitAuthenticated(authed);

            long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
            long measureFrom = start + options.warmup().toNanos();
            long end = measureFrom + options.duration().toNanos();
            ledger.measureWindow(measureFrom, end);
            log.printf("bench: %.1f msg/s for %ds warm-up + %ds measured%n", options.rate(),
                    options.warmup().toSeconds(), options.duration().toSeconds());

            CountDownLatch schedulesDone = new CountDownLatch(n);
            BuyerTexts texts = BuyerTexts.of(options.texts());
            double intervalNanos = 1e9 / options.rate();
            for (int i = 0; i < n; i++) {
                new SendSchedule(buyers.get(i), i, n, start, end, intervalNanos, texts, schedulesDone).begin();
            }
            schedulesDone.await();

            long graceEnd = System.nanoTime() + options.grace().toNanos();
            while (!ledger.allReplied() && System.nanoTime() < graceEnd) {
                TimeUnit.MILLISECONDS.sleep(20); // polling a counter; precision here does not matter
            }
        } finally {
            CompletableFuture.allOf(buyers.stream().map(BuyerConnection::close).toArray(CompletableFuture[]::new))
                    .orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
        }
        return BenchResult.of(options, ledger, latency);
    }

    private static void awaitAuthenticated(List<CompletableFuture<Void>> authed) throws InterruptedException {
        try {
            CompletableFuture.allOf(authed.toArray(CompletableFuture[]::new))
                    .get(CONNECT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new IllegalStateException(cause.getMessage(), cause);
        } catch (TimeoutException e) {
            long ok = authed.stream().filter(f -> f.isDone() && !f.isCompletedExceptionally()).count();
            throw new IllegalStateException("only " + ok + " of " + authed.size()
                    + " buyers authenticated within " + CONNECT_TIMEOUT_SECONDS + " s");
        }
    }
}

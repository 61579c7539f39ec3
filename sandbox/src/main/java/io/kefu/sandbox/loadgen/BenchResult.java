package io.kefu.sandbox.loadgen;

import java.io.PrintStream;
import java.util.Locale;

/** The figures of one benchmark run, as printed and as written by {@code --json}. */
public record BenchResult(
        int connections,
        double targetRate,
        double measuredSeconds,
        long sent,
        long acked,
        long replied,
        long lost,
        long duplicated,
        long unacked,
        long redelivered,
        long duplicateAcks,
        long unsolicited,
        long errors,
        long reconnects,
        double sentPerSecond,
        double repliesPerSecond,
        long latencySamples,
        double p50Ms,
        double p90Ms,
        double p99Ms,
        double p999Ms,
        double maxMs,
        double meanMs) {

    static BenchResult of(BenchOptions o, MessageLedger l, LatencyRecorder latency) {
        double seconds = o.duration().toNanos() / 1e9;
        return new BenchResult(o.connections(), o.rate(), seconds,
                l.sent.get(), l.acked.get(), l.replied.get(), l.lost(), l.duplicated.get(), l.unacked(),
                l.redelivered.get(), l.duplicateAcks.get(), l.unsolicited.get(), l.errors.get(), l.reconnects.get(),
                l.measuredSent.get() / seconds, l.repliesInWindow.get() / seconds,
                latency.count(),
                ms(latency.percentileMicros(50)), ms(latency.percentileMicros(90)),
                ms(latency.percentileMicros(99)), ms(latency.percentileMicros(99.9)),
                ms(latency.maxMicros()), latency.meanMicros() / 1000.0);
    }

    /** Exactly-once held: nothing lost, nothing answered twice. */
    public boolean passed() {
        return lost == 0 && duplicated == 0;
    }

    public void printTo(PrintStream out) {
        out.printf(Locale.ROOT, "connections %d, target %.1f msg/s, measured %.1f s%n", connections, targetRate, measuredSeconds);
        out.printf(Locale.ROOT, "throughput  sent %.1f msg/s, replies %.1f /s%n", sentPerSecond, repliesPerSecond);
        out.printf(Locale.ROOT, "latency ms  p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f  (mean %.2f, %d samples)%n",
                p50Ms, p90Ms, p99Ms, p999Ms, maxMs, meanMs, latencySamples);
        out.printf(Locale.ROOT, "counts      sent %d  acked %d  replied %d  lost %d  duplicated %d  errors %d%n",
                sent, acked, replied, lost, duplicated, errors);
        out.printf(Locale.ROOT, "            unacked %d  redelivered %d  duplicate-acks %d  unsolicited %d  reconnects %d%n",
                unacked, redelivered, duplicateAcks, unsolicited, reconnects);
        out.println(passed() ? "PASS: every message got exactly one reply"
                : "FAIL: " + lost + " message(s) without a reply, " + duplicated + " duplicated reply(ies)");
    }

    public String toJson() {
        return String.format(Locale.ROOT, """
                {
                  "connections": %d,
                  "targetRate": %.3f,
                  "measuredSeconds": %.3f,
                  "throughput": {"sentPerSecond": %.3f, "repliesPerSecond": %.3f},
                  "latencyMs": {"p50": %.3f, "p90": %.3f, "p99": %.3f, "p999": %.3f, "max": %.3f, "mean": %.3f, "samples": %d},
                  "counts": {"sent": %d, "acked": %d, "replied": %d, "lost": %d, "duplicated": %d, "errors": %d,
                             "unacked": %d, "redelivered": %d, "duplicateAcks": %d, "unsolicited": %d, "reconnects": %d},
                  "passed": %b
                }
                """, connections, targetRate, measuredSeconds, sentPerSecond, repliesPerSecond,
                p50Ms, p90Ms, p99Ms, p999Ms, maxMs, meanMs, latencySamples,
                sent, acked, replied, lost, duplicated, errors, unacked, redelivered, duplicateAcks, unsolicited, reconnects,
                passed());
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }
}

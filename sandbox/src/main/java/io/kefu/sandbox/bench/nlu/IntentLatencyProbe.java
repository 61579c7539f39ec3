package io.kefu.sandbox.bench.nlu;

import io.kefu.nlp.data.Example;
import io.kefu.nlp.intent.Mode;
import io.kefu.nlp.model.DefaultModels;
import io.kefu.nlp.model.IntentModel;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Companion to {@link IntentLatencyBenchmark} for a shared machine: the same calls (default model,
 * test messages in turn, embedding cache off), timed per message both on the wall clock and as CPU
 * time of the calling thread. Wall time includes waiting for a core other processes hold; thread CPU
 * time does not, so the two apart show how much of a tail is contention. With one ONNX intra-op thread
 * (the default) the whole classification runs in the calling thread and its CPU time is the full cost.
 *
 * <p>Run: {@code taskset -c 0 java -cp 'sandbox/target/kefu-sandbox.jar:sandbox/target/lib/*'
 * io.kefu.sandbox.bench.nlu.IntentLatencyProbe [passes] [modes] [warm-up passes]} with {@code -Dkefu.models.dir=DIR}
 * (default {@code data/models}); defaults 10 measured passes over fast, cascade, accurate, each after 30 warm-up
 * passes (~17,000 calls, ~40 s for the cascade: pinned to one core, the JIT takes that long to settle on the ONNX
 * path, and each compilation stalls the measured thread; the compile time that still fell inside the measurement
 * is printed).
 */
public final class IntentLatencyProbe {

    private IntentLatencyProbe() {}

    public static void main(String[] args) throws Exception {
        int passes = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        List<String> modes = args.length > 1 ? List.of(args[1].split(",")) : List.of("fast", "cascade", "accurate");
        int warmUp = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        IntentModel model = DefaultModels.loadOrTrain(Path.of(System.getProperty("kefu.models.dir", "data/models"))).withCacheCapacity(0);
        List<String> messages = DefaultModels.testData().stream().map(Example::text).toList();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        System.out.printf("model %s, %d messages, %d passes, load average %.2f%n", model.modelId(), messages.size(), passes,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        for (String m : modes) {
            Mode as = Mode.parse(m);
            for (int warm = 0; warm < warmUp; warm++) for (String text : messages) model.classify(text, as);
            long compiling = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
            long[] wall = new long[passes * messages.size()];
            long[] cpu = new long[wall.length];
            int i = 0;
            for (int pass = 0; pass < passes; pass++) {
                for (String text : messages) {
                    long c0 = threads.getCurrentThreadCpuTime();
                    long t0 = System.nanoTime();
                    model.classify(text, as);
                    wall[i] = System.nanoTime() - t0;
                    cpu[i++] = threads.getCurrentThreadCpuTime() - c0;
                }
            }
            System.out.printf("%-8s wall %s%n", m, percentiles(wall));
            System.out.printf("%-8s cpu  %s; JIT compiling during the measurement: %d ms%n", m, percentiles(cpu),
                    ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - compiling);
        }
        System.out.printf("load average %.2f%n", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    static String percentiles(long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        double mean = Arrays.stream(s).average().orElse(0);
        return String.format("p50 %.3f  p90 %.3f  p99 %.3f  p99.9 %.3f  max %.3f  mean %.3f ms (n %d)", at(s, 0.5), at(s, 0.9), at(s, 0.99),
                at(s, 0.999), s[s.length - 1] / 1e6, mean / 1e6, s.length);
    }

    private static double at(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }
}

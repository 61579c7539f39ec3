package io.kefu.sandbox.bench.nlu;

import io.kefu.nlp.Prediction;
import io.kefu.nlp.data.Example;
import io.kefu.nlp.intent.Mode;
import io.kefu.nlp.model.DefaultModels;
import io.kefu.nlp.model.IntentModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Per-message latency of the default e-commerce model in each mode, on the held-out test
 * messages in turn. SampleTime gives the p50/p99 distribution. {@code uncached} turns the embedding
 * cache off so every accurate/cascade call that needs an embedding computes one (the worst case);
 * {@code cached} is the steady state once buyers' common phrasings have been seen.
 *
 * <p>Run: {@code java -cp sandbox/target/kefu-sandbox.jar:sandbox/target/lib/* org.openjdk.jmh.Main IntentLatency}
 * (pin to one core with {@code taskset -c 0}). The model is trained into / loaded from
 * {@code -Dkefu.models.dir} (default {@code data/models}). Keep the warm-up at a minute: pinned to one
 * core, the JIT compiles the tokenizer/ONNX/langchain4j path for about 30 s and each compilation
 * pauses the benchmark thread — with 10 s of warm-up the cascade's p99 was 7.7 ms instead of ~4 ms.
 */
@State(Scope.Benchmark)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 6, time = 10) // the ONNX path keeps the JIT busy for ~30 s; shorter warm-ups measure the compiler
@Measurement(iterations = 5, time = 10)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Threads(1)
public class IntentLatencyBenchmark {

    @Param({"fast", "cascade", "accurate"})
    public String mode;

    @Param({"uncached"})
    public String cache;

    private IntentModel model;
    private Mode as;
    private List<String> messages;
    private int next;

    @Setup(Level.Trial)
    public void load() throws IOException {
        IntentModel trained = DefaultModels.loadOrTrain(Path.of(System.getProperty("kefu.models.dir", "data/models")));
        model = cache.equals("cached") ? trained : trained.withCacheCapacity(0);
        as = Mode.parse(mode);
        messages = DefaultModels.testData().stream().map(Example::text).toList();
    }

    @Benchmark
    public Prediction classify() {
        String text = messages.get(next);
        next = next + 1 == messages.size() ? 0 : next + 1;
        return model.classify(text, as);
    }
}

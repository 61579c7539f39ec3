package io.kefu.sandbox.bench.nlu;

import io.kefu.nlp.data.Example;
import io.kefu.nlp.entity.Entity;
import io.kefu.nlp.entity.EntityExtractor;
import io.kefu.nlp.model.DefaultModels;
import io.kefu.nlp.text.TextNormalizer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Per-message cost of entity extraction and of normalisation, on the e-commerce test messages. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class EntityLatencyBenchmark {

    private List<String> messages;
    private int next;

    @Setup
    public void load() {
        messages = DefaultModels.testData().stream().map(Example::text).toList();
    }

    private String nextMessage() {
        String text = messages.get(next);
        next = next + 1 == messages.size() ? 0 : next + 1;
        return text;
    }

    @Benchmark
    public List<Entity> extractEntities() {
        return EntityExtractor.extract(nextMessage());
    }

    @Benchmark
    public String normalize() {
        return TextNormalizer.normalize(nextMessage());
    }
}

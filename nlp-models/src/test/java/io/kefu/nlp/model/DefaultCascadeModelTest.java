package io.kefu.nlp.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kefu.nlp.Prediction;
import io.kefu.nlp.eval.EvalResult;
import io.kefu.nlp.eval.Evaluation;
import io.kefu.nlp.intent.Mode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one test class that loads the ONNX encoders: the real default model, trained once, cached, reloaded. */
class DefaultCascadeModelTest {

    /** Measured 0.933 cascade top-1 on test.tsv (2459 training lines, log-linear blend); the floor leaves room for data edits. */
    static final double CASCADE_FLOOR = 0.91;

    @TempDir
    static Path cache;

    static IntentModel model;

    @BeforeAll
    static void trainOnce() throws IOException {
        model = DefaultModels.loadOrTrain(cache);
    }

    @Test
    void cachedUnderTheDataHashAndReloadedWithTheSameId() throws IOException {
        List<Path> files;
        try (var s = Files.list(cache)) {
            files = s.toList();
        }
        assertEquals(1, files.size());
        assertTrue(files.get(0).getFileName().toString().startsWith("ecommerce-" + model.metadata().dataHash().substring(0, 16)));
        long t0 = System.nanoTime();
        IntentModel again = DefaultModels.loadOrTrain(cache);
        assertEquals(model.modelId(), again.modelId());
        assertTrue((System.nanoTime() - t0) / 1e9 < 5, "a cached model loads, it is not retrained");
    }

    @Test
    void cascadeAccuracyOnTheHeldOutTestFile() {
        assertEquals("cascade", model.metadata().mode());
        EvalResult r = Evaluation.run(model::classify, DefaultModels.testData(), null);
        assertTrue(r.accuracy() >= CASCADE_FLOOR, r.summaryLine());
        EvalResult fast = Evaluation.run(t -> model.classify(t, Mode.FAST), DefaultModels.testData(), null);
        assertTrue(r.accuracy() > fast.accuracy(), "cascade " + r.summaryLine() + " vs fast " + fast.summaryLine());
    }

    @Test
    void savedModelAnswersLikeTheTrainedOne(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("copy.kefumodel");
        model.save(file);
        IntentModel loaded = IntentModel.load(file);
        for (String text : List.of("亲，在吗", "my parcel never arrived", "衣服洗了一次就掉色严重", "SF1234567890123到哪了")) {
            Prediction a = model.classify(text, Mode.ACCURATE);
            Prediction b = loaded.classify(text, Mode.ACCURATE);
            assertEquals(a.intent(), b.intent(), text);
            assertEquals(a.confidence(), b.confidence(), 1e-9, text);
        }
    }
}

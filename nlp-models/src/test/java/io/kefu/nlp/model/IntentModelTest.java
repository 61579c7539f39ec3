package io.kefu.nlp.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kefu.nlp.Prediction;
import io.kefu.nlp.intent.IntentTrainer;
import io.kefu.nlp.intent.Mode;
import io.kefu.nlp.intent.Progress;
import io.kefu.nlp.intent.TinyData;
import io.kefu.nlp.intent.TrainingConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntentModelTest {

    static IntentModel model;

    @BeforeAll
    static void train() {
        model = new IntentTrainer(TrainingConfig.defaults().withMode(Mode.FAST), Progress.none()).train(TinyData.examples(), null);
    }

    @Test
    void classifiesSeenAndUnseenPhrasings() {
        assertEquals("refund", model.classify("我想退款").intent());
        assertEquals("order_status", model.classify("订单什么时候发货？").intent());
        assertEquals("greeting", model.classify("Hello!!").intent());
        assertEquals("refund", model.classify("I want my money back").intent());
    }

    @Test
    void predictionCarriesRankingAndConfidence() {
        Prediction p = model.classify("退款");
        assertEquals(3, p.ranking().size());
        assertEquals(p.intent(), p.ranking().get(0).intent());
        assertEquals(p.confidence(), p.ranking().get(0).confidence(), 1e-12);
        double sum = p.ranking().stream().mapToDouble(Prediction.ScoredIntent::confidence).sum();
        assertEquals(1.0, sum, 1e-6);
    }

    @Test
    void oddTextNeverThrows() {
        for (String odd : new String[] {"", "   ", "😡😡", "？？？", "1234567890123456789", "\u0000"}) {
            assertNotNull(model.classify(odd).intent());
        }
        assertNotNull(model.classify(null).intent());
    }

    @Test
    void saveLoadRoundTripGivesSamePredictionsAndId(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("m.kefumodel");
        model.save(file);
        IntentModel loaded = IntentModel.load(file);
        assertEquals(model.modelId(), loaded.modelId());
        assertEquals(model.metadata(), loaded.metadata());
        for (String text : List.of("我想退款", "where is it", "hi", "随便说点什么", "")) {
            Prediction a = model.classify(text);
            Prediction b = loaded.classify(text);
            assertEquals(a, b, text);
        }
        assertEquals(model.metadata(), ModelFile.readMetadata(file));
    }

    @Test
    void metadataDescribesTheModel() {
        ModelMetadata m = model.metadata();
        assertEquals(16, m.id().length());
        assertEquals(List.of("greeting", "order_status", "refund"), m.labels());
        assertEquals("fast", m.mode());
        assertEquals(64, m.dataHash().length());
        assertEquals(30, m.examples());
        assertEquals("mixed", m.language());
        assertNotNull(m.created());
        assertEquals("MAXENT_QN", m.parameters().get("algorithm"));
    }

    @Test
    void differentDataDifferentIds() {
        var fewer = TinyData.examples().subList(0, 25);
        IntentModel other = new IntentTrainer(TrainingConfig.defaults().withMode(Mode.FAST), Progress.none()).train(fewer, null);
        assertNotEquals(model.modelId(), other.modelId());
        assertNotEquals(model.metadata().dataHash(), other.metadata().dataHash());
    }

    @Test
    void loadRejectsFilesThatAreNotModels(@TempDir Path dir) throws IOException {
        Path junk = dir.resolve("junk.kefumodel");
        Files.writeString(junk, "not a zip");
        IOException e = assertThrows(IOException.class, () -> IntentModel.load(junk));
        assertTrue(e.getMessage().contains(junk.toString()), e.getMessage());
    }

    @Test
    void trainingNeedsTwoIntents() {
        var one = TinyData.examples().stream().filter(e -> e.label().equals("refund")).toList();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new IntentTrainer(TrainingConfig.defaults().withMode(Mode.FAST), Progress.none()).train(one, null));
        assertTrue(e.getMessage().contains("refund"));
    }
}

package io.kefu.nlp.intent;

import io.kefu.nlp.embed.SentenceEncoder;
import io.kefu.nlp.text.TextNormalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Embeddings of training/validation texts, computed once per distinct normalised text and kept
 * for the whole run: tuning, retraining and cross-validation folds reuse them.
 */
public final class EmbeddingStore {

    private static final int BATCH = 64;

    private final SentenceEncoder encoder;
    private final Map<String, float[]> vectors = new HashMap<>();

    public EmbeddingStore(SentenceEncoder encoder) {
        this.encoder = encoder;
    }

    public SentenceEncoder encoder() {
        return encoder;
    }

    public void addAll(List<String> rawTexts, Progress progress) {
        LinkedHashSet<String> missing = new LinkedHashSet<>();
        for (String raw : rawTexts) {
            String normalized = TextNormalizer.normalize(raw);
            if (!vectors.containsKey(normalized)) missing.add(normalized);
        }
        if (missing.isEmpty()) return;
        List<String> todo = new ArrayList<>(missing);
        long start = System.nanoTime();
        long lastReport = start;
        for (int i = 0; i < todo.size(); i += BATCH) {
            List<String> batch = todo.subList(i, Math.min(todo.size(), i + BATCH));
            List<float[]> out = encoder.embedAll(batch);
            for (int k = 0; k < batch.size(); k++) vectors.put(batch.get(k), out.get(k));
            long now = System.nanoTime();
            if (now - lastReport > 2_000_000_000L || i + BATCH >= todo.size()) {
                progress.report(String.format("embedding with %s: %d/%d texts (%.1f s)", encoder.id(),
                        Math.min(todo.size(), i + BATCH), todo.size(), (now - start) / 1e9));
                lastReport = now;
            }
        }
    }

    public float[] get(String rawText) {
        float[] v = vectors.get(TextNormalizer.normalize(rawText));
        if (v == null) throw new IllegalStateException("not embedded: " + rawText);
        return v;
    }
}

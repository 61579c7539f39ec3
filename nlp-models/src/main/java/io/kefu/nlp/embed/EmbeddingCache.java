package io.kefu.nlp.embed;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Bounded LRU of embeddings keyed by normalised text. Buyers repeat themselves ("在吗", "hello",
 * "发货了吗") and an embedding costs milliseconds, a lookup microseconds. A lock around a
 * LinkedHashMap is enough: the critical section is a hash lookup, far shorter than an embedding.
 */
public final class EmbeddingCache {

    private final SentenceEncoder encoder;
    private final Map<String, float[]> entries;

    public EmbeddingCache(SentenceEncoder encoder, int capacity) {
        this.encoder = encoder;
        this.entries = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
                return size() > capacity;
            }
        };
    }

    public float[] embed(String normalizedText) {
        synchronized (entries) {
            float[] hit = entries.get(normalizedText);
            if (hit != null) return hit;
        }
        float[] vector = encoder.embed(normalizedText);
        synchronized (entries) {
            entries.put(normalizedText, vector);
        }
        return vector;
    }

    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    public SentenceEncoder encoder() {
        return encoder;
    }
}

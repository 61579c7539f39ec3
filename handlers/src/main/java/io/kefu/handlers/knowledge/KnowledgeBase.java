package io.kefu.handlers.knowledge;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import redis.clients.jedis.UnifiedJedis;

/**
 * Each store's FAQ and product documents, searchable. A store starts with its configured documents;
 * documents uploaded through the admin API are kept in Redis, so every node serves the same
 * answers: a node looks at the store's version counter (at most once a second, on use) and rebuilds
 * its index when it moved. Answers are given only when the best entry covers enough of the question
 * ({@code threshold}); every question that stays unanswered is counted.
 */
public final class KnowledgeBase {
    private static final long CHECK_EVERY_MS = 1000;

    public record Stats(int entries, long answered, long unanswered, long version, List<String> uploaded) {}

    private final UnifiedJedis redis;
    private final Clock clock;
    private final double threshold;
    private final io.kefu.nlp.embed.SentenceEncoder encoder;
    private final double cosineThreshold;
    private final Map<String, StoreKb> stores = new ConcurrentHashMap<>();

    private static final class StoreKb {
        final Map<String, List<Entry>> base;
        volatile Bm25Index index;
        volatile EmbeddingIndex meaning;
        volatile long version = -1;
        volatile long checkedAt;
        volatile List<String> uploaded = List.of();
        final AtomicLong answered = new AtomicLong();
        final AtomicLong unanswered = new AtomicLong();

        StoreKb(Map<String, List<Entry>> base) {
            this.base = base;
        }
    }

    /** BM25 only: answers when the best entry covers {@code threshold} of the question. */
    public KnowledgeBase(UnifiedJedis redis, Clock clock, double threshold) {
        this(redis, clock, threshold, null, 0);
    }

    /**
     * Retrieval by meaning when {@code encoder} is given: answers when the most similar known
     * question reaches {@code cosineThreshold}; BM25 (with {@code threshold}) otherwise.
     */
    public KnowledgeBase(UnifiedJedis redis, Clock clock, double threshold, io.kefu.nlp.embed.SentenceEncoder encoder,
                         double cosineThreshold) {
        this.redis = redis;
        this.clock = clock;
        this.threshold = threshold;
        this.encoder = encoder;
        this.cosineThreshold = cosineThreshold;
    }

    static String docsKey(String store) {
        return "kefu:kb:{" + store + "}:docs";
    }

    static String versionKey(String store) {
        return "kefu:kb:{" + store + "}:version";
    }

    /** The store's configured documents (name → content). @throws DocumentException for a bad one */
    public void store(String storeId, Map<String, String> documents) throws DocumentException {
        Map<String, List<Entry>> base = new LinkedHashMap<>();
        for (var d : documents.entrySet()) {
            base.put(d.getKey(), Documents.parse(d.getKey(), d.getValue()));
        }
        stores.put(storeId, new StoreKb(base));
    }

    public Set<String> stores() {
        return stores.keySet();
    }

    public double threshold() {
        return threshold;
    }

    /** Adds or replaces an uploaded document. @throws DocumentException (nothing changes) when it is bad */
    public void put(String storeId, String name, String content) throws DocumentException {
        requireStore(storeId);
        Documents.parse(name, content);
        redis.hset(docsKey(storeId), name, content);
        redis.incr(versionKey(storeId));
    }

    public boolean delete(String storeId, String name) {
        requireStore(storeId);
        boolean removed = redis.hdel(docsKey(storeId), name) > 0;
        if (removed) {
            redis.incr(versionKey(storeId));
        }
        return removed;
    }

    /** The best entry for the question, whatever its coverage (for evaluation and the admin search). */
    public Optional<Bm25Index.Hit> search(String storeId, String question) {
        StoreKb kb = stores.get(storeId);
        return kb == null ? Optional.empty() : index(storeId, kb).best(question);
    }

    /** The answer in {@code language} when the best entry covers the question well enough; else empty (counted). */
    public Optional<String> answer(String storeId, String question, String language) {
        StoreKb kb = stores.get(storeId);
        if (kb == null) {
            return Optional.empty();
        }
        Optional<Entry> hit;
        if (encoder != null) {
            index(storeId, kb);
            hit = kb.meaning.best(question).filter(h -> h.cosine() >= cosineThreshold).map(EmbeddingIndex.Hit::entry);
        } else {
            hit = index(storeId, kb).best(question).filter(h -> h.coverage() >= threshold).map(Bm25Index.Hit::entry);
        }
        (hit.isPresent() ? kb.answered : kb.unanswered).incrementAndGet();
        return hit.map(e -> e.answer(language));
    }

    public Stats stats(String storeId) {
        StoreKb kb = requireStore(storeId);
        Bm25Index idx = index(storeId, kb);
        return new Stats(idx.size(), kb.answered.get(), kb.unanswered.get(), kb.version, kb.uploaded);
    }

    private StoreKb requireStore(String storeId) {
        StoreKb kb = stores.get(storeId);
        if (kb == null) {
            throw new IllegalArgumentException("no knowledge base for store '" + storeId + "'");
        }
        return kb;
    }

    private Bm25Index index(String storeId, StoreKb kb) {
        long now = clock.millis();
        if (kb.index != null && now - kb.checkedAt < CHECK_EVERY_MS) {
            return kb.index;
        }
        synchronized (kb) {
            kb.checkedAt = now;
            String v = redis.get(versionKey(storeId));
            long version = v == null ? 0 : Long.parseLong(v);
            if (kb.index == null || version != kb.version) {
                Map<String, List<Entry>> docs = new LinkedHashMap<>(kb.base);
                Map<String, String> uploaded = redis.hgetAll(docsKey(storeId));
                for (var d : uploaded.entrySet()) {
                    try {
                        docs.put(d.getKey(), Documents.parse(d.getKey(), d.getValue()));
                    } catch (DocumentException e) {
                        // Checked on upload; a bad one here was written around the API. Skip it, keep serving.
                        org.slf4j.LoggerFactory.getLogger(KnowledgeBase.class).warn("skipping knowledge document: {}", e.getMessage());
                    }
                }
                List<Entry> all = new ArrayList<>();
                docs.values().forEach(all::addAll);
                kb.meaning = encoder == null ? null : new EmbeddingIndex(all, encoder);
                kb.index = new Bm25Index(all);
                kb.version = version;
                kb.uploaded = List.copyOf(uploaded.keySet());
            }
            return kb.index;
        }
    }
}

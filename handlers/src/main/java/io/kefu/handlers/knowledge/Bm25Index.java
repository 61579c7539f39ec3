package io.kefu.handlers.knowledge;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * BM25 over {@link Tokens}, one document per entry (its questions and answer). Besides the BM25 rank
 * it reports how much of the question the best entry covers, weighted by IDF: a number from 0 to 1
 * that means the same for a two-word and a twenty-word question, so one threshold works for both
 * (raw BM25 scores grow with question length).
 */
public final class Bm25Index {
    private static final double K1 = 1.2;
    private static final double B = 0.75;

    public record Hit(Entry entry, double score, double coverage) {}

    private final List<Entry> entries;
    private final List<Map<String, Integer>> tf = new ArrayList<>();
    private final List<Integer> lengths = new ArrayList<>();
    private final Map<String, Integer> df = new HashMap<>();
    private final double avgLength;

    /** Share of the rarest term's weight that a question word no entry knows takes away from coverage. */
    public static final double DEFAULT_UNKNOWN_WEIGHT = 0.25;
    private final double unknownWeight;

    public Bm25Index(List<Entry> entries) {
        this(entries, DEFAULT_UNKNOWN_WEIGHT);
    }

    public Bm25Index(List<Entry> entries, double unknownWeight) {
        this.unknownWeight = unknownWeight;
        this.entries = List.copyOf(entries);
        long total = 0;
        for (Entry e : entries) {
            List<String> terms = new ArrayList<>();
            // Questions count twice: they are how buyers talk; the answer adds the words of the facts.
            for (String q : e.questions()) {
                terms.addAll(Tokens.of(q));
                terms.addAll(Tokens.of(q));
            }
            terms.addAll(Tokens.of(e.answerZh()));
            terms.addAll(Tokens.of(e.answerEn()));
            Map<String, Integer> counts = new HashMap<>();
            terms.forEach(t -> counts.merge(t, 1, Integer::sum));
            counts.keySet().forEach(t -> df.merge(t, 1, Integer::sum));
            tf.add(counts);
            lengths.add(terms.size());
            total += terms.size();
        }
        this.avgLength = entries.isEmpty() ? 1 : (double) total / entries.size();
    }

    public int size() {
        return entries.size();
    }

    private double idf(String term) {
        int n = df.getOrDefault(term, 0);
        return Math.log(1 + (entries.size() - n + 0.5) / (n + 0.5));
    }

    public Optional<Hit> best(String question) {
        List<String> q = Tokens.of(question);
        Set<String> unique = new HashSet<>(q);
        if (unique.isEmpty() || entries.isEmpty()) {
            return Optional.empty();
        }
        int bestDoc = -1;
        double bestScore = 0;
        for (int d = 0; d < entries.size(); d++) {
            Map<String, Integer> counts = tf.get(d);
            double norm = K1 * (1 - B + B * lengths.get(d) / avgLength);
            double s = 0;
            for (String t : unique) {
                Integer f = counts.get(t);
                if (f != null) {
                    s += idf(t) * f * (K1 + 1) / (f + norm);
                }
            }
            if (s > bestScore) {
                bestScore = s;
                bestDoc = d;
            }
        }
        if (bestDoc < 0) {
            return Optional.empty();
        }
        double covered = 0;
        double all = 0;
        for (String t : unique) {
            // A word no entry knows still counts against coverage, a little: it may be what the question is about.
            double w = df.containsKey(t) ? idf(t) : unknownWeight * idf("\u0000");
            all += w;
            if (tf.get(bestDoc).containsKey(t)) {
                covered += w;
            }
        }
        return Optional.of(new Hit(entries.get(bestDoc), bestScore, all == 0 ? 0 : covered / all));
    }
}

package io.kefu.handlers.knowledge;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Retrieval quality on our own paraphrased test set ({@code kb-testset.tsv}, 142 questions in zh
 * and en, 12 of them about things the store's documents do not cover). A question counts as right
 * when the knowledge base answers it with the expected entry, or — for "none" — declines. Prints a
 * threshold sweep (the figures in BENCHMARKS.md) and guards the default threshold against regressions.
 */
class RetrievalAccuracyTest {
    record Case(String expected, String question) {}

    static List<Case> cases() throws Exception {
        List<Case> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                RetrievalAccuracyTest.class.getResourceAsStream("/io/kefu/handlers/knowledge/kb-testset.tsv"), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] p = line.split("\t", 2);
                    out.add(new Case(p[0], p[1]));
                }
            }
        }
        return out;
    }

    static double accuracy(Bm25Index kb, List<Case> cases, double threshold, StringBuilder misses) {
        int right = 0;
        for (Case c : cases) {
            var hit = kb.best(c.question()).filter(h -> h.coverage() >= threshold);
            String got = hit.map(h -> h.entry().id()).orElse("none");
            if (got.equals(c.expected())) {
                right++;
            } else if (misses != null) {
                misses.append(String.format(Locale.ROOT, "  %-20s got %-20s %s%n", c.expected(), got, c.question()));
            }
        }
        return (double) right / cases.size();
    }

    @Test
    void theDefaultThresholdAnswersMostQuestionsRightAndDeclinesTheRest() throws Exception {
        List<Entry> entries = new ArrayList<>();
        for (var d : DemoKnowledge.demo().entrySet()) {
            entries.addAll(Documents.parse(d.getKey(), d.getValue()));
        }
        List<Case> cases = cases();
        assertTrue(cases.size() >= 100, "at least 100 questions");
        List<Case> zh = cases.stream().filter(c -> c.question().codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN)).toList();
        List<Case> en = cases.stream().filter(c -> !zh.contains(c)).toList();
        StringBuilder sweep = new StringBuilder("knowledge-base retrieval accuracy (BM25, Han chars + bigrams + words), "
                + cases.size() + " questions (" + zh.size() + " zh, " + en.size() + " en, "
                + cases.stream().filter(c -> c.expected().equals("none")).count() + " unanswerable):\n");
        for (double u : new double[] {0.0, 0.25, 0.5, 1.0}) {
            Bm25Index idx = new Bm25Index(entries, u);
            sweep.append(String.format(Locale.ROOT, " unknown-word weight %.2f, top-1 without threshold %.3f%n", u, accuracy(idx, cases, 0.0, null)));
            for (double t : new double[] {0.2, 0.3, 0.4, 0.5, 0.6}) {
                sweep.append(String.format(Locale.ROOT, "  threshold %.1f: all %.3f  zh %.3f  en %.3f%n", t,
                        accuracy(idx, cases, t, null), accuracy(idx, zh, t, null), accuracy(idx, en, t, null)));
            }
        }
        StringBuilder misses = new StringBuilder();
        Bm25Index standard = new Bm25Index(entries);
        double atDefault = accuracy(standard, cases, KnowledgeDefaults.THRESHOLD, misses);
        System.out.println(sweep + "misses at the default threshold " + KnowledgeDefaults.THRESHOLD + ":\n" + misses);
        assertTrue(atDefault >= 0.6, "accuracy at the default threshold fell to " + atDefault + "\n" + misses);
    }
}

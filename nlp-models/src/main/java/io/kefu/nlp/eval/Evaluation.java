package io.kefu.nlp.eval;

import io.kefu.nlp.Prediction;
import io.kefu.nlp.data.Example;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Scores a classifier on labelled examples. Without an out-of-scope label, accuracy is top-1
 * (fallback ignored: it measures what the model knows). With one, a fallback counts as predicting
 * that label, so in-scope accuracy is "answered and right" and OOS recall is "fell back or said OOS".
 */
public final class Evaluation {

    private Evaluation() {}

    public static EvalResult run(Function<String, Prediction> classifier, List<Example> data, String oosLabel) {
        TreeSet<String> labelSet = new TreeSet<>();
        List<Outcome> outcomes = new ArrayList<>(data.size());
        int fallbacks = 0;
        for (Example e : data) {
            Prediction p = classifier.apply(e.text());
            String predicted = oosLabel != null && p.fallback() ? oosLabel : p.intent();
            if (p.fallback()) fallbacks++;
            outcomes.add(new Outcome(e, predicted, p.confidence()));
            labelSet.add(e.label());
            labelSet.add(predicted);
        }
        List<String> labels = new ArrayList<>(labelSet);
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int k = 0; k < labels.size(); k++) index.put(labels.get(k), k);
        int[][] confusion = new int[labels.size()][labels.size()];
        int correct = 0, inScope = 0, inScopeCorrect = 0, oos = 0, oosCaught = 0;
        Map<String, List<Outcome>> errorsByPair = new LinkedHashMap<>();
        for (Outcome o : outcomes) {
            String gold = o.example().label();
            confusion[index.get(gold)][index.get(o.predicted())]++;
            boolean right = gold.equals(o.predicted());
            if (right) correct++;
            else errorsByPair.computeIfAbsent(gold + "\u0000" + o.predicted(), k -> new ArrayList<>()).add(o);
            if (oosLabel != null) {
                if (gold.equals(oosLabel)) {
                    oos++;
                    if (o.predicted().equals(oosLabel)) oosCaught++;
                } else {
                    inScope++;
                    if (right) inScopeCorrect++;
                }
            }
        }
        List<PerIntent> perIntent = new ArrayList<>();
        double f1Sum = 0;
        int f1Count = 0;
        for (int k = 0; k < labels.size(); k++) {
            int tp = confusion[k][k], support = 0, predictedCount = 0;
            for (int j = 0; j < labels.size(); j++) {
                support += confusion[k][j];
                predictedCount += confusion[j][k];
            }
            double precision = predictedCount == 0 ? 0 : (double) tp / predictedCount;
            double recall = support == 0 ? 0 : (double) tp / support;
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            perIntent.add(new PerIntent(labels.get(k), precision, recall, f1, support));
            if (support > 0) { // macro-F1 over intents present in the data
                f1Sum += f1;
                f1Count++;
            }
        }
        List<Confusion> worst = new ArrayList<>();
        errorsByPair.values().stream()
                .sorted((a, b) -> Integer.compare(b.size(), a.size()))
                .limit(20)
                .forEach(list -> worst.add(new Confusion(list.get(0).example().label(), list.get(0).predicted(), list.size(),
                        list.stream().limit(5).map(o -> o.example().text()).toList())));
        int n = data.size();
        return new EvalResult(n, n == 0 ? 0 : (double) correct / n, f1Count == 0 ? 0 : f1Sum / f1Count,
                oosLabel, oosLabel == null ? null : (inScope == 0 ? 0.0 : (double) inScopeCorrect / inScope),
                oosLabel == null ? null : (oos == 0 ? 0.0 : (double) oosCaught / oos),
                n == 0 ? 0 : (double) fallbacks / n, labels, confusion, perIntent, worst);
    }

    private record Outcome(Example example, String predicted, double confidence) {}
}

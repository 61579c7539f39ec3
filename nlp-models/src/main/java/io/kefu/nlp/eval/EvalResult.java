package io.kefu.nlp.eval;

import java.util.List;
import java.util.Locale;

/**
 * Figures of one evaluation; serialised as report.json.
 *
 * @param inScopeAccuracy null without an OOS label
 * @param oosRecall       null without an OOS label
 * @param confusion       rows: gold label, columns: predicted label, both in {@code labels} order
 */
public record EvalResult(int n, double accuracy, double macroF1, String oosLabel, Double inScopeAccuracy, Double oosRecall,
                         double fallbackRate, List<String> labels, int[][] confusion, List<PerIntent> perIntent,
                         List<Confusion> worstConfusions) {

    /** The line the eval tool prints last; scripts parse it. */
    public String summaryLine() {
        String line = String.format(Locale.ROOT, "accuracy=%.4f macro_f1=%.4f n=%d", accuracy, macroF1, n);
        if (oosLabel != null) line += String.format(Locale.ROOT, " in_scope_accuracy=%.4f oos_recall=%.4f", inScopeAccuracy, oosRecall);
        return line;
    }
}

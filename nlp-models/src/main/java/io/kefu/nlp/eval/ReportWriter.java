package io.kefu.nlp.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code report.json} (everything in {@link EvalResult} plus the model's id) and {@code report.html}:
 * per-intent precision/recall/F1, a confusion-matrix heat map (row-normalised, so rare intents
 * show as clearly as common ones) and the worst confusions with example texts. Every text that
 * came from data is HTML-escaped: training data is user input.
 */
public final class ReportWriter {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportWriter() {}

    public static void write(EvalResult result, String modelId, String dataName, Path dir) throws IOException {
        Files.createDirectories(dir);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("model", modelId);
        json.put("data", dataName);
        json.put("result", result);
        Files.write(dir.resolve("report.json"), JSON.writeValueAsBytes(json));
        Files.writeString(dir.resolve("report.html"), html(result, modelId, dataName), StandardCharsets.UTF_8);
    }

    static String html(EvalResult r, String modelId, String dataName) {
        StringBuilder h = new StringBuilder(16_384);
        h.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>kefu eval ").append(esc(modelId))
                .append("</title>\n<style>body{font:14px system-ui,sans-serif;margin:2em}table{border-collapse:collapse}"
                        + "td,th{border:1px solid #ccc;padding:2px 6px;text-align:right}th{background:#f4f4f4}"
                        + ".cm td{width:1.6em;height:1.6em;padding:0;text-align:center;font-size:11px}"
                        + ".cm th.col{writing-mode:vertical-rl;transform:rotate(180deg);font-weight:normal}"
                        + "td.l,th.l{text-align:left}</style></head><body>\n");
        h.append("<h1>Evaluation of model ").append(esc(modelId)).append("</h1>\n<p>data: ").append(esc(dataName)).append("</p>\n");
        h.append("<p><b>").append(esc(r.summaryLine())).append("</b>")
                .append(String.format(Locale.ROOT, " fallback_rate=%.4f", r.fallbackRate())).append("</p>\n");

        h.append("<h2>Per intent</h2>\n<table><tr><th class=\"l\">intent</th><th>precision</th><th>recall</th><th>F1</th><th>support</th></tr>\n");
        for (PerIntent p : r.perIntent()) {
            h.append(String.format(Locale.ROOT, "<tr><td class=\"l\">%s</td><td>%.3f</td><td>%.3f</td><td>%.3f</td><td>%d</td></tr>%n",
                    esc(p.intent()), p.precision(), p.recall(), p.f1(), p.support()));
        }
        h.append("</table>\n");

        h.append("<h2>Confusion matrix</h2>\n<p>rows: true intent, columns: predicted; colour = share of the row</p>\n<table class=\"cm\"><tr><th></th>");
        for (String label : r.labels()) h.append("<th class=\"col\">").append(esc(label)).append("</th>");
        h.append("</tr>\n");
        for (int i = 0; i < r.labels().size(); i++) {
            int rowTotal = 0;
            for (int c : r.confusion()[i]) rowTotal += c;
            h.append("<tr><th class=\"l\">").append(esc(r.labels().get(i))).append("</th>");
            for (int j = 0; j < r.labels().size(); j++) {
                int count = r.confusion()[i][j];
                double share = rowTotal == 0 ? 0 : (double) count / rowTotal;
                String colour = i == j ? String.format(Locale.ROOT, "rgba(0,128,0,%.2f)", share)
                        : String.format(Locale.ROOT, "rgba(200,0,0,%.2f)", Math.min(1, share * 2));
                h.append("<td style=\"background:").append(colour).append("\" title=\"").append(esc(r.labels().get(i))).append(" → ")
                        .append(esc(r.labels().get(j))).append(": ").append(count).append("\">").append(count == 0 ? "" : count).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n");

        h.append("<h2>Worst confusions</h2>\n<table><tr><th class=\"l\">true</th><th class=\"l\">predicted</th><th>count</th><th class=\"l\">examples</th></tr>\n");
        for (Confusion c : r.worstConfusions()) {
            h.append("<tr><td class=\"l\">").append(esc(c.gold())).append("</td><td class=\"l\">").append(esc(c.predicted()))
                    .append("</td><td>").append(c.count()).append("</td><td class=\"l\"><ul>");
            for (String text : c.examples()) h.append("<li>").append(esc(text)).append("</li>");
            h.append("</ul></td></tr>\n");
        }
        h.append("</table>\n</body></html>\n");
        return h.toString();
    }

    static String esc(String s) {
        if (s == null) return "";
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}

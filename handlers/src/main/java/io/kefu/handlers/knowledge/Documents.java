package io.kefu.handlers.knowledge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Imports a store's FAQ and product documents, chosen by the file name's extension:
 * <ul>
 *   <li>{@code .md}: each {@code ## heading} is a question (alternatives separated by {@code |}), the
 *       text under it the answer;</li>
 *   <li>{@code .yaml}: {@code faq: [{id, q: [...], a: {zh, en}}]} or a {@code products:} catalogue
 *       (each product's names and aliases become questions, its description the answer);</li>
 *   <li>{@code .csv}: a header with {@code question,answer} (and optionally {@code id}), quotes as in RFC 4180.</li>
 * </ul>
 * Problems are reported with the document name and line; nothing is half-imported.
 */
public final class Documents {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Documents() {
    }

    public static List<Entry> parse(String name, String content) throws DocumentException {
        String lower = name.toLowerCase(Locale.ROOT);
        if (!name.matches("[A-Za-z0-9_.-]{1,100}")) {
            throw new DocumentException(name, 1, "document names are letters, digits, _ . - (1–100)");
        }
        List<Entry> out;
        if (lower.endsWith(".md")) {
            out = markdown(name, content);
        } else if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
            out = yaml(name, content);
        } else if (lower.endsWith(".csv")) {
            out = csv(name, content);
        } else {
            throw new DocumentException(name, 1, "unknown document type: use .md, .yaml or .csv");
        }
        if (out.isEmpty()) {
            throw new DocumentException(name, 1, "no questions found");
        }
        return out;
    }

    private static boolean chinese(String s) {
        return s.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN);
    }

    private static Entry entry(String id, List<String> questions, String answer) {
        return chinese(answer) ? new Entry(id, questions, answer, "") : new Entry(id, questions, "", answer);
    }

    private static List<Entry> markdown(String name, String content) throws DocumentException {
        List<Entry> out = new ArrayList<>();
        String[] lines = content.split("\r?\n", -1);
        List<String> questions = null;
        StringBuilder answer = new StringBuilder();
        int headingLine = 0;
        for (int i = 0; i <= lines.length; i++) {
            boolean heading = i < lines.length && lines[i].startsWith("## ");
            if ((heading || i == lines.length) && questions != null) {
                if (answer.toString().isBlank()) {
                    throw new DocumentException(name, headingLine, "the question has no answer under it");
                }
                out.add(entry(name + "#" + out.size(), questions, answer.toString().trim()));
            }
            if (i == lines.length) {
                break;
            }
            if (heading) {
                questions = new ArrayList<>();
                for (String q : lines[i].substring(3).split("\\|")) {
                    if (!q.isBlank()) {
                        questions.add(q.trim());
                    }
                }
                headingLine = i + 1;
                answer.setLength(0);
            } else if (questions != null) {
                answer.append(lines[i]).append('\n');
            }
        }
        return out;
    }

    private static List<Entry> yaml(String name, String content) throws DocumentException {
        JsonNode root;
        try {
            root = YAML.readTree(content);
        } catch (IOException e) {
            int line = e instanceof com.fasterxml.jackson.core.JsonProcessingException j && j.getLocation() != null
                    ? j.getLocation().getLineNr() : 1;
            throw new DocumentException(name, line, "not valid YAML: " + e.getMessage().split("\n")[0]);
        }
        if (root == null || !root.isObject() || !(root.has("faq") || root.has("products"))) {
            throw new DocumentException(name, 1, "expected a top-level 'faq:' or 'products:' list");
        }
        List<Entry> out = new ArrayList<>();
        int i = 0;
        for (JsonNode n : root.path("faq")) {
            List<String> qs = new ArrayList<>();
            n.path("q").forEach(q -> qs.add(q.asText()));
            String zh = n.path("a").path("zh").asText("");
            String en = n.path("a").path("en").asText("");
            if (qs.isEmpty() || (zh.isBlank() && en.isBlank())) {
                throw new DocumentException(name, 1, "faq[" + i + "]: needs q (a list of questions) and a.zh and/or a.en");
            }
            out.add(new Entry(n.path("id").asText(name + "#" + i), qs, zh, en));
            i++;
        }
        for (JsonNode p : root.path("products")) {
            List<String> qs = new ArrayList<>();
            qs.add(p.path("name").path("zh").asText());
            qs.add(p.path("name").path("en").asText());
            p.path("aliases").forEach(a -> qs.add(a.asText()));
            out.add(new Entry("product:" + p.path("sku").asText(), qs, p.path("name").path("zh").asText() + "："
                    + p.path("description").path("zh").asText(), p.path("name").path("en").asText() + ": "
                    + p.path("description").path("en").asText()));
        }
        return out;
    }

    private static List<Entry> csv(String name, String content) throws DocumentException {
        List<List<String>> rows = new ArrayList<>();
        List<Integer> rowLines = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        int line = 1;
        int rowStart = 1;
        for (int i = 0; i < content.length(); i++) {
            char c = content.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < content.length() && content.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < content.length() && content.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(cell.toString());
                cell.setLength(0);
                if (!(row.size() == 1 && row.get(0).isBlank())) {
                    rows.add(row);
                    rowLines.add(rowStart);
                }
                row = new ArrayList<>();
                line++;
                rowStart = line;
            } else {
                cell.append(c);
            }
        }
        if (quoted) {
            throw new DocumentException(name, rowStart, "a quoted cell is never closed");
        }
        if (cell.length() > 0 || !row.isEmpty()) {
            row.add(cell.toString());
            rows.add(row);
            rowLines.add(rowStart);
        }
        if (rows.isEmpty()) {
            throw new DocumentException(name, 1, "empty file: expected a header with question,answer");
        }
        List<String> header = rows.get(0).stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
        int q = header.indexOf("question");
        int a = header.indexOf("answer");
        int id = header.indexOf("id");
        if (q < 0 || a < 0) {
            throw new DocumentException(name, 1, "the header needs the columns question and answer");
        }
        List<Entry> out = new ArrayList<>();
        for (int r = 1; r < rows.size(); r++) {
            List<String> cells = rows.get(r);
            if (cells.size() != header.size()) {
                throw new DocumentException(name, rowLines.get(r), "expected " + header.size() + " cells, found " + cells.size());
            }
            if (cells.get(q).isBlank() || cells.get(a).isBlank()) {
                throw new DocumentException(name, rowLines.get(r), "question and answer must not be empty");
            }
            out.add(entry(id >= 0 ? cells.get(id) : name + "#" + (r - 1), List.of(cells.get(q).split("\\|")), cells.get(a).trim()));
        }
        return out;
    }
}

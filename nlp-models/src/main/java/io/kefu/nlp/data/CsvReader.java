package io.kefu.nlp.data;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * CSV with a header naming the columns (RFC 4180 quoting: fields in double quotes may contain
 * commas, doubled quotes and line breaks, as Banking77's do). The text column is {@code text},
 * {@code utterance}, {@code sentence} or {@code query}; the label column {@code category},
 * {@code intent}, {@code label} or {@code class}.
 */
public final class CsvReader {

    static final List<String> TEXT_COLUMNS = List.of("text", "utterance", "sentence", "query", "instruction");
    static final List<String> LABEL_COLUMNS = List.of("category", "intent", "label", "class");

    private CsvReader() {}

    public static List<Example> read(Reader in, Path file) throws IOException {
        RecordParser parser = new RecordParser(in, file);
        List<String> header = parser.next();
        if (header == null) throw new DataFormatException(file, "empty file");
        int textColumn = find(header, TEXT_COLUMNS);
        int labelColumn = find(header, LABEL_COLUMNS);
        if (textColumn < 0 || labelColumn < 0) {
            throw new DataFormatException(file, 1, "CSV header " + header + " needs a text column " + TEXT_COLUMNS
                    + " and a label column " + LABEL_COLUMNS);
        }
        List<Example> examples = new ArrayList<>();
        List<String> record;
        while (true) {
            int line = parser.line();
            record = parser.next();
            if (record == null) break;
            if (record.size() == 1 && record.get(0).isBlank()) continue;
            if (record.size() != header.size()) {
                throw new DataFormatException(file, line, "expected " + header.size() + " fields, found " + record.size());
            }
            String text = record.get(textColumn).strip();
            String label = record.get(labelColumn).strip();
            if (text.isEmpty()) throw new DataFormatException(file, line, "empty text");
            if (label.isEmpty()) throw new DataFormatException(file, line, "empty label");
            examples.add(new Example(label, text, file.toString(), line));
        }
        return examples;
    }

    private static int find(List<String> header, List<String> names) {
        for (String name : names) {
            for (int i = 0; i < header.size(); i++) {
                if (header.get(i).strip().replace("\uFEFF", "").toLowerCase(Locale.ROOT).equals(name)) return i;
            }
        }
        return -1;
    }

    /** Reads one record at a time, tracking the line where it starts. */
    private static final class RecordParser {
        private final Reader in;
        private final Path file;
        private int line = 1;
        private int pushedBack = -2;

        RecordParser(Reader in, Path file) {
            this.in = in.markSupported() ? in : new java.io.BufferedReader(in);
            this.file = file;
        }

        int line() {
            return line;
        }

        private int read() throws IOException {
            if (pushedBack != -2) {
                int c = pushedBack;
                pushedBack = -2;
                return c;
            }
            return in.read();
        }

        List<String> next() throws IOException {
            int c = read();
            if (c == -1) return null;
            int startLine = line;
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            boolean afterQuote = false;
            while (true) {
                if (c == -1) {
                    if (quoted) throw new DataFormatException(file, startLine, "unterminated quoted field");
                    fields.add(field.toString());
                    return fields;
                }
                if (quoted) {
                    if (c == '"') {
                        int d = read();
                        if (d == '"') field.append('"');
                        else {
                            quoted = false;
                            afterQuote = true;
                            pushedBack = d;
                        }
                    } else {
                        if (c == '\n') line++;
                        field.append((char) c);
                    }
                } else if (c == '"' && field.length() == 0 && !afterQuote) {
                    quoted = true;
                } else if (c == ',') {
                    fields.add(field.toString());
                    field.setLength(0);
                    afterQuote = false;
                } else if (c == '\n' || c == '\r') {
                    if (c == '\r') {
                        int d = read();
                        if (d != '\n') pushedBack = d;
                    }
                    line++;
                    fields.add(field.toString());
                    return fields;
                } else if (afterQuote) {
                    throw new DataFormatException(file, line, "text after a closing quote");
                } else {
                    field.append((char) c);
                }
                c = read();
            }
        }
    }
}

package io.kefu.nlp.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code label<TAB>text}, one per line; a first line {@code label<TAB>text} is a header; blank lines and {@code #} comments skipped. */
public final class TsvReader {

    private TsvReader() {}

    public static List<Example> read(Reader input, Path file) throws IOException {
        List<Example> examples = new ArrayList<>();
        BufferedReader reader = new BufferedReader(input);
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            if (number == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') line = line.substring(1);
            if (line.isBlank() || line.startsWith("#")) continue;
            int tab = line.indexOf('\t');
            if (tab < 0) throw new DataFormatException(file, number, "expected label<TAB>text, found no tab");
            String label = line.substring(0, tab).strip();
            String text = line.substring(tab + 1).strip();
            if (number == 1 && label.equalsIgnoreCase("label") && text.equalsIgnoreCase("text")) continue;
            if (label.isEmpty()) throw new DataFormatException(file, number, "empty label");
            if (text.isEmpty()) throw new DataFormatException(file, number, "empty text");
            if (label.indexOf('\t') >= 0 || label.contains(" ")) {
                throw new DataFormatException(file, number, "label '" + label + "' contains whitespace");
            }
            examples.add(new Example(label, text, file.toString(), number));
        }
        return examples;
    }
}

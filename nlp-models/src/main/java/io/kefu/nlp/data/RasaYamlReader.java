package io.kefu.nlp.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rasa NLU YAML (format 3.x): {@code nlu:} items with {@code intent:} and a block {@code examples: |}
 * of {@code - utterance} lines. Entity annotations {@code [text](entity)} / {@code [text]{...}}
 * keep their text. Read line by line rather than with a YAML parser so that errors carry line numbers.
 */
public final class RasaYamlReader {

    private static final Pattern INTENT = Pattern.compile("^\\s*-\\s*intent:\\s*(\\S.*?)\\s*$");
    private static final Pattern EXAMPLES = Pattern.compile("^\\s*examples:\\s*\\|[-+]?\\s*$");
    private static final Pattern ITEM = Pattern.compile("^\\s*-\\s?(.*)$");
    private static final Pattern OTHER_ITEM = Pattern.compile("^\\s*-\\s*(synonym|regex|lookup|story|rule):.*$");
    private static final Pattern ENTITY = Pattern.compile("\\[([^\\]]*)\\](?:\\([^)]*\\)|\\{[^}]*\\})");

    private RasaYamlReader() {}

    public static List<Example> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<Example> examples = new ArrayList<>();
        boolean sawNlu = false;
        String intent = null;
        boolean inExamples = false;
        boolean otherItem = false; // examples of a synonym/regex/lookup item: read past them
        int examplesIndent = -1;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int number = i + 1;
            if (line.isBlank() || line.strip().startsWith("#")) continue;
            int indent = line.length() - line.stripLeading().length();
            if (inExamples && (examplesIndent < 0 || indent >= examplesIndent)) {
                Matcher item = ITEM.matcher(line);
                if (!item.matches()) throw new DataFormatException(file, number, "expected '- example' under examples of intent " + intent);
                if (examplesIndent < 0) examplesIndent = indent;
                String text = ENTITY.matcher(item.group(1)).replaceAll("$1").strip();
                if (!text.isEmpty() && !otherItem) examples.add(new Example(intent, text, file.toString(), number));
                continue;
            }
            inExamples = false;
            if (line.startsWith("nlu:")) {
                sawNlu = true;
            } else if (INTENT.matcher(line).matches()) {
                Matcher m = INTENT.matcher(line);
                m.matches();
                intent = m.group(1).replaceAll("^[\"']|[\"']$", "");
                otherItem = false;
            } else if (EXAMPLES.matcher(line).matches()) {
                if (intent == null && !otherItem) throw new DataFormatException(file, number, "examples before any '- intent:'");
                inExamples = true;
                examplesIndent = -1;
            } else if (OTHER_ITEM.matcher(line).matches()) {
                intent = null;
                otherItem = true;
            } else if (!line.startsWith("version:") && !line.matches("^[a-z_]+:.*") && intent == null && !otherItem && sawNlu) {
                throw new DataFormatException(file, number, "unexpected line in Rasa NLU data: " + line.strip());
            }
        }
        if (!sawNlu) throw new DataFormatException(file, "not Rasa NLU YAML: no top-level 'nlu:' key");
        return examples;
    }
}

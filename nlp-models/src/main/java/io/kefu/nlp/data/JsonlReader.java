package io.kefu.nlp.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One JSON object per line: {@code {"text": "...", "intent": "..."}} ({@code label} accepted for {@code intent}). */
public final class JsonlReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonlReader() {}

    public static List<Example> read(Reader input, Path file) throws IOException {
        List<Example> examples = new ArrayList<>();
        BufferedReader reader = new BufferedReader(input);
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            if (line.isBlank()) continue;
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new DataFormatException(file, number, "not valid JSON: " + e.getOriginalMessage());
            }
            if (node == null || !node.isObject()) throw new DataFormatException(file, number, "expected a JSON object");
            JsonNode text = node.get("text");
            JsonNode intent = node.has("intent") ? node.get("intent") : node.get("label");
            if (text == null || !text.isTextual() || text.asText().isBlank()) {
                throw new DataFormatException(file, number, "missing string field \"text\"");
            }
            if (intent == null || !intent.isTextual() || intent.asText().isBlank()) {
                throw new DataFormatException(file, number, "missing string field \"intent\"");
            }
            examples.add(new Example(intent.asText().strip(), text.asText().strip(), file.toString(), number));
        }
        return examples;
    }
}

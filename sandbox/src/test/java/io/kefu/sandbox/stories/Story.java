package io.kefu.sandbox.stories;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * One conversation story from {@code src/test/resources/stories/*.yaml}: who the buyer is (the
 * simulator's seeded situation follows from the id's prefix: new…, multi…, late…, old…), and per
 * message what the buyer says, what the bot must reply (substrings), and what must hold afterwards
 * (conversation state, ERP records, handoff).
 */
record Story(String file, String name, String buyer, List<JsonNode> steps) {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static List<Story> load(String resource) throws IOException {
        try (InputStream in = Story.class.getResourceAsStream("/stories/" + resource)) {
            if (in == null) {
                throw new IOException("missing story file " + resource);
            }
            List<Story> out = new ArrayList<>();
            for (JsonNode s : YAML.readTree(in).path("stories")) {
                List<JsonNode> steps = new ArrayList<>();
                s.path("steps").forEach(steps::add);
                if (steps.isEmpty() || !s.hasNonNull("name") || !s.hasNonNull("buyer")) {
                    throw new IOException(resource + ": every story needs a name, a buyer and steps");
                }
                out.add(new Story(resource, s.get("name").asText(), s.get("buyer").asText(), steps));
            }
            return out;
        }
    }
}

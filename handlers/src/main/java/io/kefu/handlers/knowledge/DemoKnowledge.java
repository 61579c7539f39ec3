package io.kefu.handlers.knowledge;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/** Where a store's documents come from: the bundled demo store, or the files of a directory. */
public final class DemoKnowledge {
    /** Files in a store directory that are configuration, not knowledge. */
    static final Set<String> NOT_KNOWLEDGE = Set.of("flows.yaml", "promotions.yaml");

    private DemoKnowledge() {
    }

    public static Map<String, String> demo() {
        Map<String, String> docs = new LinkedHashMap<>();
        for (String name : new String[] {"faq.yaml", "products.yaml"}) {
            try (InputStream in = DemoKnowledge.class.getResourceAsStream("/io/kefu/handlers/demo/" + name)) {
                docs.put(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return docs;
    }

    public static Map<String, String> directory(Path dir) throws IOException {
        Map<String, String> docs = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString();
                if (!NOT_KNOWLEDGE.contains(name) && name.matches(".*\\.(md|yaml|yml|csv)")) {
                    docs.put(name, Files.readString(f, StandardCharsets.UTF_8));
                }
            }
        }
        return docs;
    }
}

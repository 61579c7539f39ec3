package io.kefu.nlp.data;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads any supported training-data format, chosen by extension (.tsv .csv .jsonl .yml/.yaml,
 * a seq.in directory or file). Whatever the format, the result must be non-empty; training
 * additionally needs two intents ({@link #readForTraining}).
 */
public final class DatasetReader {

    private DatasetReader() {}

    public static List<Example> read(Path path) throws IOException {
        if (!Files.exists(path)) throw new DataFormatException(path, "no such file or directory");
        List<Example> examples;
        try {
            examples = readFormat(path);
        } catch (CharacterCodingException e) {
            throw new DataFormatException(path, "not UTF-8 text");
        }
        if (examples.isEmpty()) throw new DataFormatException(path, "empty file: no examples");
        return examples;
    }

    public static List<Example> readAll(List<Path> paths) throws IOException {
        List<Example> all = new ArrayList<>();
        for (Path p : paths) all.addAll(read(p));
        return all;
    }

    /** Like {@link #readAll}, and rejects data with a single intent (nothing to learn to tell apart). */
    public static List<Example> readForTraining(List<Path> paths) throws IOException {
        List<Example> all = readAll(paths);
        List<String> labels = Datasets.labels(all);
        if (labels.size() < 2) {
            throw new DataFormatException(paths.get(0), "only one intent ('" + labels.get(0) + "'): training needs at least two");
        }
        return all;
    }

    private static List<Example> readFormat(Path path) throws IOException {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (Files.isDirectory(path)) {
            if (Files.isRegularFile(path.resolve("seq.in"))) return SeqInReader.read(path);
            throw new DataFormatException(path, "a directory is read only when it holds seq.in and label");
        }
        if (name.equals("seq.in") || name.equals("label")) return SeqInReader.read(path);
        if (Files.size(path) == 0) throw new DataFormatException(path, "empty file");
        try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            if (name.endsWith(".tsv") || name.endsWith(".txt")) return TsvReader.read(in, path);
            if (name.endsWith(".csv")) return CsvReader.read(in, path);
            if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) return JsonlReader.read(in, path);
        }
        if (name.endsWith(".yml") || name.endsWith(".yaml")) return RasaYamlReader.read(path);
        throw new DataFormatException(path, "unknown data format (use .tsv, .csv, .jsonl, .yml/.yaml, or a seq.in + label directory)");
    }
}

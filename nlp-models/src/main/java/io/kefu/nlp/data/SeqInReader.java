package io.kefu.nlp.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Parallel files {@code seq.in} (one utterance a line) and {@code label} (one intent a line), as in CLINC/Banking77-OOS. */
public final class SeqInReader {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SeqInReader.class);

    private SeqInReader() {}

    /** @param path the directory holding both files, or the {@code seq.in} file itself */
    public static List<Example> read(Path path) throws IOException {
        Path dir = Files.isDirectory(path) ? path : path.toAbsolutePath().getParent();
        Path seqIn = dir.resolve("seq.in");
        Path labelFile = dir.resolve("label");
        if (!Files.isRegularFile(seqIn)) throw new DataFormatException(seqIn, "missing seq.in");
        if (!Files.isRegularFile(labelFile)) throw new DataFormatException(labelFile, "missing label file beside seq.in");
        List<String> texts = Files.readAllLines(seqIn);
        List<String> labels = Files.readAllLines(labelFile);
        while (!texts.isEmpty() && texts.get(texts.size() - 1).isEmpty()) texts.remove(texts.size() - 1);
        while (!labels.isEmpty() && labels.get(labels.size() - 1).isEmpty()) labels.remove(labels.size() - 1);
        if (texts.size() != labels.size()) {
            int line = Math.min(texts.size(), labels.size()) + 1;
            throw new DataFormatException(texts.size() < labels.size() ? seqIn : labelFile, line,
                    "seq.in has " + texts.size() + " lines but label has " + labels.size());
        }
        List<Example> examples = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i).strip();
            String label = labels.get(i).strip();
            if (text.isEmpty()) {
                // public CLINC-style sets contain a few blank utterances; they teach nothing, so skip them loudly
                LOG.warn("{}:{}: empty utterance (label {}) skipped", seqIn, i + 1, labels.get(i).strip());
                continue;
            }
            if (label.isEmpty()) throw new DataFormatException(labelFile, i + 1, "empty label");
            examples.add(new Example(label, text, seqIn.toString(), i + 1));
        }
        return examples;
    }
}

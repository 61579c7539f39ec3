package io.kefu.nlp.data;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Small helpers over example lists that the trainer, evaluator and tools share. */
public final class Datasets {

    private Datasets() {}

    public static List<String> labels(List<Example> examples) {
        TreeSet<String> labels = new TreeSet<>();
        for (Example e : examples) labels.add(e.label());
        return new ArrayList<>(labels);
    }

    /** Content hash of the examples (label + text, in order): the same data always hashes the same. */
    public static String hash(List<Example> examples) {
        java.security.MessageDigest digest = Hashing.sha256();
        for (Example e : examples) {
            digest.update(e.label().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            digest.update((byte) '\t');
            digest.update(e.text().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            digest.update((byte) '\n');
        }
        return Hashing.hex(digest.digest());
    }
}

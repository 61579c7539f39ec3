package io.kefu.nlp.data;

/** One labelled utterance, with where it came from so errors can point at it. */
public record Example(String label, String text, String source, int line) {

    public Example(String label, String text) {
        this(label, text, "", 0);
    }
}

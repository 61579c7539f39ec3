package io.kefu.handlers.knowledge;

/** Defaults chosen by measurement (RetrievalAccuracyTest prints the sweep). */
public final class KnowledgeDefaults {
    /** {@code knowledge.threshold}: minimum IDF-weighted coverage of the question for an answer. */
    public static final double THRESHOLD = 0.3;

    private KnowledgeDefaults() {
    }
}

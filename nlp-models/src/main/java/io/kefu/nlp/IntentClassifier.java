package io.kefu.nlp;

/**
 * Answers "what does the buyer want?" for one message. Implementations are immutable and
 * thread-safe: the dispatcher calls {@link #classify} from many worker threads at once, and a
 * model swap replaces the whole instance rather than mutating it.
 */
public interface IntentClassifier {

    /** Classifies raw buyer text (normalisation happens inside). Never null, never throws on odd text. */
    Prediction classify(String text);

    /** A stable identifier of this model (content hash), for logs, metrics and the misunderstood stream. */
    String modelId();
}

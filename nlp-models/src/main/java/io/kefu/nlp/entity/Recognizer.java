package io.kefu.nlp.entity;

import java.util.List;

/** Finds one kind of entity. Input is the message folded to half-width (same length as the original). */
interface Recognizer {

    /** @param original the raw message, for {@link Entity#value()} */
    List<Entity> find(String folded, String original);
}

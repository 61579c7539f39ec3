package io.kefu.nlp.eval;

import java.util.List;

/** One gold → predicted mistake, how often it happened, and up to five of the texts. */
public record Confusion(String gold, String predicted, int count, List<String> examples) {}

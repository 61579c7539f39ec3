package io.kefu.nlp.eval;

/** Precision, recall and F1 of one intent; support = gold examples of it. */
public record PerIntent(String intent, double precision, double recall, double f1, int support) {}

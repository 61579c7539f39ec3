package io.kefu.nlp;

import java.util.List;

/**
 * One classification. {@code intent} is always the top-1 label so reports can show what the model
 * leaned towards; callers must check {@link #fallback()} before acting on it: a fallback means
 * "don't know" (confidence below the model's threshold, or top-1 minus top-2 below its margin).
 *
 * @param intent     top-1 intent label
 * @param confidence top-1 probability in [0, 1]
 * @param ranking    best-first scores (at least the top 1, typically the top 5)
 * @param fallback   true when the model does not know
 */
public record Prediction(String intent, double confidence, List<ScoredIntent> ranking, boolean fallback) {

    public Prediction {
        ranking = List.copyOf(ranking);
    }

    /** Top-1 minus top-2 confidence (top-1 when there is no second). */
    public double margin() {
        return ranking.size() < 2 ? confidence : ranking.get(0).confidence() - ranking.get(1).confidence();
    }

    public record ScoredIntent(String intent, double confidence) {}
}

package io.kefu.nlp.intent;

/**
 * Everything a training run can be told.
 *
 * @param mode      fast, accurate or cascade
 * @param language  zh, en or auto (auto: from the data's script; mixed data gets both encoders)
 * @param encoder   explicit encoder id, or null to choose from the language
 * @param oosLabel  the label that means "out of scope" in training/validation data, or null
 * @param holdout   share of training data held out for tuning when no validation data is given and the
 *                  data is too large for K-fold tuning
 * @param folds     K for K-fold tuning without validation data (every training example is scored once by
 *                  models that did not see it; 1 = always a single hold-out)
 * @param foldLimit K-fold tuning only up to this many training examples: each fold refits the n-gram tier,
 *                  which takes minutes on large data (Banking77: ~10 min per fit)
 */
public record TrainingConfig(Mode mode, String language, String encoder, String oosLabel, FastTierParams fast,
                             HeadParams head, double holdout, long seed, int folds, int foldLimit) {

    public static TrainingConfig defaults() {
        return new TrainingConfig(Mode.CASCADE, "auto", null, null, FastTierParams.defaults(), HeadParams.defaults(), 0.15, 13L,
                5, 5000);
    }

    public TrainingConfig withFolds(int k, int limit) {
        return new TrainingConfig(mode, language, encoder, oosLabel, fast, head, holdout, seed, k, limit);
    }

    public TrainingConfig withMode(Mode m) {
        return new TrainingConfig(m, language, encoder, oosLabel, fast, head, holdout, seed, folds, foldLimit);
    }

    public TrainingConfig withLanguage(String l) {
        return new TrainingConfig(mode, l, encoder, oosLabel, fast, head, holdout, seed, folds, foldLimit);
    }

    public TrainingConfig withEncoder(String e) {
        return new TrainingConfig(mode, language, e, oosLabel, fast, head, holdout, seed, folds, foldLimit);
    }

    public TrainingConfig withOosLabel(String o) {
        return new TrainingConfig(mode, language, encoder, o, fast, head, holdout, seed, folds, foldLimit);
    }

    public TrainingConfig withFast(FastTierParams f) {
        return new TrainingConfig(mode, language, encoder, oosLabel, f, head, holdout, seed, folds, foldLimit);
    }

    public TrainingConfig withHead(HeadParams h) {
        return new TrainingConfig(mode, language, encoder, oosLabel, fast, h, holdout, seed, folds, foldLimit);
    }
}

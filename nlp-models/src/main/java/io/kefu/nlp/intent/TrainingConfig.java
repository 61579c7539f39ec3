package io.kefu.nlp.intent;

/**
 * Everything a training run can be told.
 *
 * @param mode      fast, accurate or cascade
 * @param language  zh, en or auto (auto: from the data's script; mixed data gets both encoders)
 * @param encoder   explicit encoder id, or null to choose from the language
 * @param oosLabel  the label that means "out of scope" in training/validation data, or null
 * @param holdout   share of training data held out for tuning when no validation data is given
 */
public record TrainingConfig(Mode mode, String language, String encoder, String oosLabel, FastTierParams fast,
                             HeadParams head, double holdout, long seed) {

    public static TrainingConfig defaults() {
        return new TrainingConfig(Mode.CASCADE, "auto", null, null, FastTierParams.defaults(), HeadParams.defaults(), 0.15, 13L);
    }

    public TrainingConfig withMode(Mode m) {
        return new TrainingConfig(m, language, encoder, oosLabel, fast, head, holdout, seed);
    }

    public TrainingConfig withLanguage(String l) {
        return new TrainingConfig(mode, l, encoder, oosLabel, fast, head, holdout, seed);
    }

    public TrainingConfig withEncoder(String e) {
        return new TrainingConfig(mode, language, e, oosLabel, fast, head, holdout, seed);
    }

    public TrainingConfig withOosLabel(String o) {
        return new TrainingConfig(mode, language, encoder, o, fast, head, holdout, seed);
    }

    public TrainingConfig withFast(FastTierParams f) {
        return new TrainingConfig(mode, language, encoder, oosLabel, f, head, holdout, seed);
    }

    public TrainingConfig withHead(HeadParams h) {
        return new TrainingConfig(mode, language, encoder, oosLabel, fast, h, holdout, seed);
    }
}

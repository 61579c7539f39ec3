package io.kefu.nlp.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.kefu.nlp.intent.Thresholds;
import java.util.List;
import java.util.Map;

/**
 * What a trainer (and the admin API) needs to know about a model without loading it.
 *
 * @param id            content hash of the model (weights + everything below except id and created)
 * @param format        file format version
 * @param codeVersion   featuriser/trainer version: a change makes cached default models retrain
 * @param created       ISO-8601 instant of training
 * @param dataHash      SHA-256 of the training examples
 * @param language      zh, en or mixed
 * @param mode          fast, accurate or cascade
 * @param encoder       sentence encoder id, or null for fast-only models
 * @param labels        the intents, sorted
 * @param parameters    training parameters (algorithm, iterations, epochs, …)
 * @param thresholds    fallback / margin / cascade / blend weight
 * @param scores        validation figures measured at training time
 * @param examples      number of training examples
 * @param trainingMillis wall time of training
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelMetadata(
        String id,
        int format,
        String codeVersion,
        String created,
        String dataHash,
        String language,
        String mode,
        String encoder,
        List<String> labels,
        Map<String, Object> parameters,
        Thresholds thresholds,
        Map<String, Double> scores,
        int examples,
        long trainingMillis) {

    public static final int FORMAT = 1;

    public ModelMetadata withIdentity(String id, String created) {
        return new ModelMetadata(id, format, codeVersion, created, dataHash, language, mode, encoder, labels, parameters,
                thresholds, scores, examples, trainingMillis);
    }
}

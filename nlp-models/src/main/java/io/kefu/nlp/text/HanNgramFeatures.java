package io.kefu.nlp.text;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import opennlp.tools.doccat.FeatureGenerator;

/**
 * Chinese characters and character bigrams (within a run of Han characters). Bigrams stand in for
 * words ("退款", "发货") without a segmenter; unigrams keep recall on unseen combinations.
 * Public no-arg constructor: OpenNLP re-creates feature generators by class name on model load.
 */
public class HanNgramFeatures implements FeatureGenerator {

    @Override
    public Collection<String> extractFeatures(String[] tokens, Map<String, Object> extraInformation) {
        List<String> features = new ArrayList<>(tokens.length * 2);
        String previous = null;
        for (String token : tokens) {
            if (Tokenizer.isHanToken(token)) {
                features.add("h=" + token);
                if (previous != null) features.add("hh=" + previous + token);
                previous = token;
            } else {
                previous = null;
            }
        }
        return features;
    }
}

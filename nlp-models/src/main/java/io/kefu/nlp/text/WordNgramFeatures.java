package io.kefu.nlp.text;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import opennlp.tools.doccat.FeatureGenerator;

/**
 * Non-Han tokens (English words, shape tokens, '?' '!') and bigrams of adjacent tokens of any
 * script, so "<order> 还" or "not received" become features. Digits collapse to '0' so "2件" and
 * "3件" share a feature.
 */
public class WordNgramFeatures implements FeatureGenerator {

    @Override
    public Collection<String> extractFeatures(String[] tokens, Map<String, Object> extraInformation) {
        List<String> features = new ArrayList<>(tokens.length * 2 + 2);
        String previous = "^";
        for (String raw : tokens) {
            String token = shape(raw);
            if (!Tokenizer.isHanToken(token)) {
                features.add("w=" + token);
                features.add("ww=" + previous + "_" + token);
            }
            previous = token;
        }
        if (tokens.length > 0 && !Tokenizer.isHanToken(tokens[tokens.length - 1])) {
            features.add("ww=" + previous + "_$");
        }
        return features;
    }

    static String shape(String token) {
        boolean hasDigit = false;
        for (int i = 0; i < token.length() && !hasDigit; i++) hasDigit = Character.isDigit(token.charAt(i));
        return hasDigit ? token.replaceAll("\\d+", "0") : token;
    }
}

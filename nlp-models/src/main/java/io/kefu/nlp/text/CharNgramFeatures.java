package io.kefu.nlp.text;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import opennlp.tools.doccat.FeatureGenerator;

/**
 * Character 2–4-grams of English words with boundary marks ("#refund#" → "#r", "re", "ref", …).
 * They make "refnd", "recieved" and "shiping" look like the words they meant.
 */
public class CharNgramFeatures implements FeatureGenerator {

    static final int MIN = 2;
    static final int MAX = 4;

    @Override
    public Collection<String> extractFeatures(String[] tokens, Map<String, Object> extraInformation) {
        List<String> features = new ArrayList<>();
        for (String token : tokens) {
            if (token.length() < 3 || Tokenizer.isHanToken(token) || Tokenizer.isShapeToken(token)) continue;
            if (!Character.isLetter(token.charAt(0))) continue;
            String marked = "#" + token + "#";
            for (int n = MIN; n <= MAX; n++) {
                for (int i = 0; i + n <= marked.length(); i++) {
                    features.add("g=" + marked.substring(i, i + n));
                }
            }
        }
        return features;
    }
}

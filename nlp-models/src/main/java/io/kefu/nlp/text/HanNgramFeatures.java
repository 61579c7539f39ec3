package io.kefu.nlp.text;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import opennlp.tools.doccat.FeatureGenerator;

/**
 * Chinese characters and character bigrams (within a run of Han characters). Bigrams stand in for
 * words ("退款", "发货") without a segmenter; unigrams keep recall on unseen combinations. The first and
 * last character and bigram of the message are features of their own: Chinese requests are often
 * framed by their ends ("打开…", "播放…", "…在哪", "…怎么做", "亲…吗").
 * Public no-arg constructor: OpenNLP re-creates feature generators by class name on model load.
 */
public class HanNgramFeatures implements FeatureGenerator {

    @Override
    public Collection<String> extractFeatures(String[] tokens, Map<String, Object> extraInformation) {
        List<String> features = new ArrayList<>(tokens.length * 2 + 4);
        String previous = null;
        String first = null;
        String second = null;
        String beforeLast = null;
        String last = null;
        for (String token : tokens) {
            if (Tokenizer.isHanToken(token)) {
                features.add("h=" + token);
                if (previous != null) features.add("hh=" + previous + token);
                previous = token;
                if (first == null) {
                    first = token;
                } else if (second == null) {
                    second = token;
                }
                beforeLast = last;
                last = token;
            } else {
                previous = null;
            }
        }
        if (first != null) {
            features.add("h^=" + first);
            features.add("h$=" + last);
        }
        if (second != null) {
            features.add("hh^=" + first + second);
            features.add("hh$=" + beforeLast + last);
        }
        return features;
    }
}

package io.kefu.nlp.embed;

import io.kefu.nlp.text.Language;
import java.util.ArrayList;
import java.util.List;

/**
 * English text through the English encoder into the first part of the vector, Chinese text
 * through the Chinese encoder into the second part; the other part stays zero. A single softmax
 * head then learns both languages while each message costs one embedding.
 */
record RoutedEncoder(SentenceEncoder english, SentenceEncoder chinese) implements SentenceEncoder {

    @Override
    public String id() {
        return Encoders.ROUTED;
    }

    @Override
    public int dimension() {
        return english.dimension() + chinese.dimension();
    }

    @Override
    public float[] embed(String text) {
        return place(Language.detect(text).equals(Language.ZH), Language.detect(text).equals(Language.ZH) ? chinese.embed(text) : english.embed(text));
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        List<String> zh = new ArrayList<>();
        List<String> en = new ArrayList<>();
        for (String t : texts) (Language.detect(t).equals(Language.ZH) ? zh : en).add(t);
        List<float[]> zhVectors = zh.isEmpty() ? List.of() : chinese.embedAll(zh);
        List<float[]> enVectors = en.isEmpty() ? List.of() : english.embedAll(en);
        List<float[]> out = new ArrayList<>(texts.size());
        int z = 0, e = 0;
        for (String t : texts) {
            boolean isZh = Language.detect(t).equals(Language.ZH);
            out.add(place(isZh, isZh ? zhVectors.get(z++) : enVectors.get(e++)));
        }
        return out;
    }

    private float[] place(boolean isChinese, float[] vector) {
        float[] out = new float[dimension()];
        System.arraycopy(vector, 0, out, isChinese ? english.dimension() : 0, vector.length);
        return out;
    }
}

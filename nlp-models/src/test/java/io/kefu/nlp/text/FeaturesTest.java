package io.kefu.nlp.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collection;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeaturesTest {

    private static String[] tokens(String raw) {
        return Tokenizer.tokens(TextNormalizer.normalize(raw));
    }

    @Test
    void tokenizerSplitsHanCharactersAndKeepsWordsAndShapes() {
        assertArrayEquals(new String[] {"我", "要", "退", "款", "<order>", "?"}, tokens("我要退款 3817264509182736451？"));
        assertArrayEquals(new String[] {"where", "is", "my", "order", "?"}, tokens("Where is my order??"));
        assertArrayEquals(new String[] {"亲", "xl", "码", "有", "吗"}, tokens("亲，XL码有吗"));
    }

    @Test
    void hanFeaturesAreCharactersAndBigramsWithinRuns() {
        Collection<String> f = new HanNgramFeatures().extractFeatures(tokens("退款 ok 发货"), Map.of());
        assertTrue(f.containsAll(java.util.List.of("h=退", "h=款", "hh=退款", "hh=发货")));
        assertFalse(f.contains("hh=款发"), "no bigram across a Latin word");
    }

    @Test
    void theEndsOfAChineseMessageAreFeaturesOfTheirOwn() {
        Collection<String> f = new HanNgramFeatures().extractFeatures(tokens("帮我打开 QQ 音乐"), Map.of());
        assertTrue(f.containsAll(java.util.List.of("h^=帮", "hh^=帮我", "h$=乐", "hh$=音乐")), f.toString());
        Collection<String> one = new HanNgramFeatures().extractFeatures(tokens("嗯"), Map.of());
        assertTrue(one.contains("h^=嗯") && one.contains("h$=嗯"));
        assertFalse(one.stream().anyMatch(s -> s.startsWith("hh")), "no bigram features for a single character");
        assertTrue(new HanNgramFeatures().extractFeatures(tokens("where is my parcel"), Map.of()).isEmpty());
    }

    @Test
    void wordFeaturesAreWordsAndBigramsWithDigitsCollapsed() {
        Collection<String> f = new WordNgramFeatures().extractFeatures(tokens("not received 2 items"), Map.of());
        assertTrue(f.containsAll(java.util.List.of("w=not", "w=received", "ww=not_received", "w=0", "ww=^_not", "ww=items_$")));
    }

    @Test
    void charNgramsMakeTyposLookAlike() {
        Collection<String> right = new CharNgramFeatures().extractFeatures(new String[] {"refund"}, Map.of());
        Collection<String> typo = new CharNgramFeatures().extractFeatures(new String[] {"refnd"}, Map.of());
        assertTrue(right.contains("g=#ref") && typo.contains("g=#ref"));
        assertTrue(right.contains("g=nd#") && typo.contains("g=nd#"));
        assertTrue(new CharNgramFeatures().extractFeatures(new String[] {"<order>", "退"}, Map.of()).isEmpty());
    }
}

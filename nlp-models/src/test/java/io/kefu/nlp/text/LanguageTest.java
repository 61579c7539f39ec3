package io.kefu.nlp.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LanguageTest {

    @Test
    void chinese() {
        assertEquals("zh", Language.detect("亲，在吗？我的快递到哪了"));
        assertEquals("zh", Language.detect("亲 order 还没到"));
        assertEquals("zh", Language.detect("这个有XL码吗"));
    }

    @Test
    void english() {
        assertEquals("en", Language.detect("where is my order?"));
        assertEquals("en", Language.detect("hi, can I get a refund for order 123456789012 谢"));
        assertEquals("en", Language.detect(""));
        assertEquals("en", Language.detect(null));
        assertEquals("en", Language.detect("12345 !!!"));
    }
}

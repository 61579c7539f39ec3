package io.kefu.handlers.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class LanguagesTest {
    @Test
    void hanMeansChineseEvenAmongLatin() {
        assertEquals("zh", Languages.of("这个size偏大吗"));
        assertEquals("zh", Languages.of("my order 还没发货"));
    }

    @Test
    void latinWordsMeanEnglish() {
        assertEquals("en", Languages.of("where is my parcel?"));
        assertEquals("en", Languages.of("XL"));
        assertEquals("en", Languages.of("order 3928471650293847561 please"));
    }

    @Test
    void idsNumbersAndEmojiGiveNoClue() {
        assertNull(Languages.of("3928471650293847561"));
        assertNull(Languages.of("91310000MA1FL8XQ30"));
        assertNull(Languages.of("SF1234567890123"));
        assertNull(Languages.of("👍👍"));
        assertNull(Languages.of(""));
        assertNull(Languages.of("¥199.00"));
    }
}

package io.kefu.handlers.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class LanguagesTest {
    @Test
    void anyHanCharacterMeansChinese() {
        assertEquals("zh", Languages.of("在吗"));
        assertEquals("zh", Languages.of("iPhone 15 有货吗"));
        assertEquals("en", Languages.of("where is my parcel"));
        assertNull(Languages.of("1234567890"));
        assertNull(Languages.of("👍👍"));
        assertNull(Languages.of(""));
        assertEquals("zh", Languages.of("𠀀"), "supplementary-plane Han (surrogate pair)");
    }
}

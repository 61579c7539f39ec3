package io.kefu.handlers.bot;

import io.kefu.nlp.text.Language;

/**
 * The reply language a message asks for. Which of Chinese and English wins is
 * {@link Language#detect}'s call (the same rule the classifier uses); this only adds "no clue":
 * a message of digits, emoji or ids keeps the conversation's language.
 */
final class Languages {
    private Languages() {
    }

    /**
     * "zh", "en", or null when the text gives no clue (digits, emoji, an order number, a tax id).
     * Latin letters count only in words without digits: "91310000MA1FL8XQ30" or "SF1234567890"
     * are ids, not English.
     */
    static String of(String text) {
        return hasWords(text) ? Language.detect(text) : null;
    }

    /** Any Han character, or any Latin word that is not an id. */
    private static boolean hasWords(String text) {
        boolean inWord = false;
        boolean letter = false;
        boolean digit = false;
        for (int i = 0; i <= text.length(); ) {
            int cp = i < text.length() ? text.codePointAt(i) : ' ';
            if (Language.isHan(cp)) {
                return true;
            }
            boolean isLetter = (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
            boolean isDigit = cp >= '0' && cp <= '9';
            if (isLetter || isDigit) {
                letter |= isLetter;
                digit |= isDigit;
                inWord = true;
            } else if (inWord) {
                if (letter && !digit) {
                    return true;
                }
                inWord = false;
                letter = false;
                digit = false;
            }
            i += i < text.length() ? Character.charCount(cp) : 1;
        }
        return false;
    }
}

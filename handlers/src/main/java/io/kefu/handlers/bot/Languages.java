package io.kefu.handlers.bot;

/** The reply language a message asks for: Chinese if it has any Han character, English if it has Latin letters. */
final class Languages {
    private Languages() {
    }

    /**
     * "zh", "en", or null when the text gives no clue (digits, emoji, an order number, a tax id).
     * Latin letters count only in words without digits: "91310000MA1FL8XQ30" or "SF1234567890"
     * are ids, not English.
     */
    static String of(String text) {
        boolean latin = false;
        int wordStart = -1;
        boolean wordHasLetter = false;
        boolean wordHasDigit = false;
        for (int i = 0; i <= text.length(); ) {
            int cp = i < text.length() ? text.codePointAt(i) : ' ';
            if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN) {
                return "zh";
            }
            boolean letter = (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
            boolean digit = cp >= '0' && cp <= '9';
            if (letter || digit) {
                if (wordStart < 0) {
                    wordStart = i;
                    wordHasLetter = false;
                    wordHasDigit = false;
                }
                wordHasLetter |= letter;
                wordHasDigit |= digit;
            } else if (wordStart >= 0) {
                latin |= wordHasLetter && !wordHasDigit;
                wordStart = -1;
            }
            i += i < text.length() ? Character.charCount(cp) : 1;
        }
        return latin ? "en" : null;
    }
}

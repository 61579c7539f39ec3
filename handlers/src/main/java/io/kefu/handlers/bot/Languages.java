package io.kefu.handlers.bot;

/** The reply language a message asks for: Chinese if it has any Han character, English if it has Latin letters. */
final class Languages {
    private Languages() {
    }

    /** "zh", "en", or null when the text gives no clue (digits, emoji, an order number). */
    static String of(String text) {
        boolean latin = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN) {
                return "zh";
            }
            if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z')) {
                latin = true;
            }
            i += Character.charCount(cp);
        }
        return latin ? "en" : null;
    }
}

package io.kefu.nlp.text;

/**
 * Emoji carry sentiment that buyers use instead of words (😡 = complaint, 👍 = thanks), but each
 * code point is rare; three tokens keep the signal without the sparsity.
 */
public final class Emoji {

    private static final String POSITIVE = "👍😊😀😁😄😃🙂☺😍🥰❤💕🙏👌💯🎉😘🤗✌";
    private static final String NEGATIVE = "😡😠🤬😤👎😭😢😞😩😫💔🙄😒😣😖😰😱🤮";

    private Emoji() {}

    public static boolean isEmoji(int cp) {
        return (cp >= 0x1F300 && cp <= 0x1FAFF) || (cp >= 0x2600 && cp <= 0x27BF) || (cp >= 0x1F000 && cp <= 0x1F2FF);
    }

    /** Replaces each emoji run by one token; variation selectors and joiners vanish. */
    public static String replace(String text) {
        StringBuilder out = null;
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            int len = Character.charCount(cp);
            if (isEmoji(cp)) {
                if (out == null) out = new StringBuilder(text.length() + 16).append(text, 0, i);
                String token = sentiment(cp);
                out.append(' ').append(token).append(' ');
                i += len;
                // swallow the rest of this emoji sequence (skin tones, ZWJ, VS16, repeats of the same sentiment)
                while (i < text.length()) {
                    int next = text.codePointAt(i);
                    if (next == 0x200D || next == 0xFE0F || (next >= 0x1F3FB && next <= 0x1F3FF)
                            || (isEmoji(next) && sentiment(next).equals(token))) {
                        i += Character.charCount(next);
                    } else {
                        break;
                    }
                }
                continue;
            }
            if (out != null) out.appendCodePoint(cp);
            else if (cp == 0x200D || cp == 0xFE0F) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            }
            i += len;
        }
        return out == null ? text : out.toString();
    }

    static String sentiment(int cp) {
        String s = new String(Character.toChars(cp));
        if (POSITIVE.contains(s)) return TextNormalizer.EMOJI_POSITIVE;
        if (NEGATIVE.contains(s)) return TextNormalizer.EMOJI_NEGATIVE;
        return TextNormalizer.EMOJI;
    }
}

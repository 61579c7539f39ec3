package io.kefu.nlp.text;

/** Full-width ASCII variants (Ｆ，１，！) to their ASCII forms; Chinese punctuation kept. One char in, one char out. */
public final class Width {

    private Width() {}

    public static String toHalfWidth(String s) {
        char[] out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            char mapped = fold(c);
            if (mapped != c) {
                if (out == null) out = s.toCharArray();
                out[i] = mapped;
            }
        }
        return out == null ? s : new String(out);
    }

    public static char fold(char c) {
        if (c == '\u3000') return ' ';
        if (c >= '\uFF01' && c <= '\uFF5E') return (char) (c - 0xFEE0);
        if (c == '\uFFE5') return '¥'; // full-width yen sign, common on Chinese keyboards
        return c;
    }
}

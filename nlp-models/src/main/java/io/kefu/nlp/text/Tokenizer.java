package io.kefu.nlp.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits normalised text into the tokens the featurisers see: every Han character is a token
 * (Chinese has no spaces and a segmenter would be one more model to ship), every run of Latin
 * letters/digits is a word, shape tokens stay whole, and '?' / '!' survive because they change
 * the intent ("发货了" vs "发货了?").
 */
public final class Tokenizer {

    private Tokenizer() {}

    public static String[] tokens(String normalized) {
        List<String> out = new ArrayList<>();
        int n = normalized.length();
        int i = 0;
        while (i < n) {
            int cp = normalized.codePointAt(i);
            int len = Character.charCount(cp);
            if (cp == '<') {
                int close = normalized.indexOf('>', i);
                if (close > i && close - i <= 12 && isShape(normalized, i, close)) {
                    out.add(normalized.substring(i, close + 1));
                    i = close + 1;
                    continue;
                }
            }
            if (Language.isHan(cp)) {
                out.add(normalized.substring(i, i + len));
                i += len;
            } else if (isWordChar(cp)) {
                int j = i;
                while (j < n && isWordChar(normalized.codePointAt(j))) j += Character.charCount(normalized.codePointAt(j));
                out.add(normalized.substring(i, j));
                i = j;
            } else {
                if (cp == '?' || cp == '!' || cp == '？' || cp == '！') out.add(cp == '?' || cp == '？' ? "?" : "!");
                i += len;
            }
        }
        return out.toArray(new String[0]);
    }

    private static boolean isShape(String s, int open, int close) {
        for (int k = open + 1; k < close; k++) {
            char c = s.charAt(k);
            if (!(c >= 'a' && c <= 'z') && c != '+' && c != '-' && c != '_') return false;
        }
        return close > open + 1;
    }

    static boolean isWordChar(int cp) {
        return (cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9') || cp == '\''
                || (Character.isLetterOrDigit(cp) && !Language.isHan(cp));
    }

    public static boolean isHanToken(String token) {
        return !token.isEmpty() && Language.isHan(token.codePointAt(0));
    }

    public static boolean isShapeToken(String token) {
        return token.length() > 2 && token.charAt(0) == '<' && token.charAt(token.length() - 1) == '>';
    }
}

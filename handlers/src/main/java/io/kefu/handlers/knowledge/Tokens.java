package io.kefu.handlers.knowledge;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Index terms: Chinese as single characters plus overlapping character bigrams (no segmenter to get
 * wrong; bigrams reward the same wording, characters keep paraphrases partly matched), English as lower-case
 * words without stop words and with a plural "s" folded away. Digits are dropped: in questions they
 * are order numbers and sizes, which say nothing about which FAQ is meant.
 */
final class Tokens {
    private static final Set<String> STOP = Set.of("a", "an", "the", "is", "are", "do", "does", "did", "i", "my", "me", "you",
            "your", "we", "our", "it", "its", "to", "of", "in", "on", "for", "and", "or", "can", "could", "will", "would", "be",
            "this", "that", "there", "what", "how", "when", "which", "any", "with", "if", "please", "hi", "hello", "get", "so");
    private static final Set<Integer> CHINESE_FILLER = Set.of((int) '的', (int) '了', (int) '吗', (int) '呢', (int) '啊', (int) '吧', (int) '呀', (int) '亲', (int) '嘛');

    private Tokens() {
    }

    static List<String> of(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder han = new StringBuilder();
        StringBuilder word = new StringBuilder();
        String t = text.toLowerCase(Locale.ROOT);
        for (int i = 0; i < t.length(); ) {
            int cp = t.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN) {
                flushWord(word, out);
                if (!CHINESE_FILLER.contains(cp)) {
                    han.appendCodePoint(cp);
                } else {
                    flushHan(han, out);
                }
            } else if (Character.isLetter(cp)) {
                flushHan(han, out);
                word.appendCodePoint(cp);
            } else {
                flushHan(han, out);
                flushWord(word, out);
            }
        }
        flushHan(han, out);
        flushWord(word, out);
        return out;
    }

    private static void flushHan(StringBuilder han, List<String> out) {
        int[] cps = han.codePoints().toArray();
        for (int i = 0; i < cps.length; i++) {
            out.add(new String(cps, i, 1)); // single characters keep paraphrases ("几天" / "多久") partly matched
        }
        for (int i = 0; i + 1 < cps.length; i++) {
            out.add(new String(cps, i, 2));
        }
        han.setLength(0);
    }

    private static void flushWord(StringBuilder word, List<String> out) {
        String w = word.toString();
        word.setLength(0);
        if (w.isEmpty() || STOP.contains(w)) {
            return;
        }
        if (w.length() > 3 && w.endsWith("s") && !w.endsWith("ss")) {
            w = w.substring(0, w.length() - 1);
        }
        out.add(w);
    }
}

package io.kefu.nlp.entity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Garment and shoe sizes: XS–XXXL (also 2XL/3XL, 加大), "M码", "42码", "size 9", "均码". Normalised "XL", "42", "ONE_SIZE". */
final class Sizes implements Recognizer {

    private static final Pattern LETTER = Pattern.compile("(?<![A-Za-z])(XXXL|XXL|XL|XS|[2-5]XL|S|M|L)(?![A-Za-z])(\\s?(?:码|号|size))?");
    private static final Pattern LETTER_LOWER = Pattern.compile("(?i)(?<![A-Za-z])(xxxl|xxl|xl|xs|[2-5]xl)(?![A-Za-z])|(?<![A-Za-z])([sml])\\s?(码|号)");
    private static final Pattern NUMERIC = Pattern.compile("(?i)(?<![0-9.])(\\d{2}(?:\\.5)?)\\s?(码|号|yards?)|(?i)size\\s?(\\d{1,2}(?:\\.5)?)(?![0-9])");
    private static final Pattern ONE_SIZE = Pattern.compile("(均码|one size|free size)", Pattern.CASE_INSENSITIVE);
    private static final Pattern BIGGER = Pattern.compile("(加大码|大码|小码|中码)");

    @Override
    public List<Entity> find(String folded, String original) {
        List<Entity> out = new ArrayList<>();
        // upper-case S/M/L alone count (buyers write "要M的"); lower-case single letters only with 码/号, or "i'm" would be a size
        out.addAll(Spans.all(LETTER, folded, original, EntityExtractor.SIZE, 0, m -> {
            String s = m.group(1);
            if (s.length() == 1 && m.group(2) == null && isInsideEnglishWords(folded, m.start(), m.end())) return null;
            return s;
        }));
        out.addAll(Spans.all(LETTER_LOWER, folded, original, EntityExtractor.SIZE, 0,
                m -> (m.group(1) != null ? m.group(1) : m.group(2)).toUpperCase(Locale.ROOT)));
        out.addAll(Spans.all(NUMERIC, folded, original, EntityExtractor.SIZE, 0, m -> m.group(1) != null ? m.group(1) : m.group(3)));
        out.addAll(Spans.all(ONE_SIZE, folded, original, EntityExtractor.SIZE, 0, m -> "ONE_SIZE"));
        out.addAll(Spans.all(BIGGER, folded, original, EntityExtractor.SIZE, 0, m -> switch (m.group(1)) {
            case "小码" -> "S";
            case "中码" -> "M";
            default -> "L";
        }));
        return out;
    }

    /** "I" and "A" style single capitals in an English sentence: "M" in "M&M" or "S" in "it's" are not sizes. */
    private static boolean isInsideEnglishWords(String s, int start, int end) {
        boolean apostropheBefore = start > 0 && s.charAt(start - 1) == '\'';
        boolean ampersand = (start > 0 && s.charAt(start - 1) == '&') || (end < s.length() && s.charAt(end) == '&');
        return apostropheBefore || ampersand;
    }
}

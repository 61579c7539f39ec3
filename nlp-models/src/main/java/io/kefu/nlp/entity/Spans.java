package io.kefu.nlp.entity;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Regex matches → entities, with the value taken from the original text at the same offsets. */
final class Spans {

    private Spans() {}

    static List<Entity> all(Pattern pattern, String folded, String original, String type, int group,
                            Function<Matcher, String> normalizer) {
        List<Entity> out = new ArrayList<>();
        Matcher m = pattern.matcher(folded);
        while (m.find()) {
            String normalized = normalizer.apply(m);
            if (normalized == null) continue;
            out.add(new Entity(type, original.substring(m.start(group), m.end(group)), m.start(group), m.end(group), normalized));
        }
        return out;
    }

    static String digits(String s) {
        return s.replaceAll("[^0-9]", "");
    }

    /** The text just before {@code start} (up to {@code width} chars), lower-cased: for context words. */
    static String before(String folded, int start, int width) {
        return folded.substring(Math.max(0, start - width), start).toLowerCase(java.util.Locale.ROOT);
    }
}

package io.kefu.nlp.entity;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Chinese mobiles (+86 optional, spaces/dashes allowed), Chinese landlines (010-12345678) and +1 numbers; normalised to digits (with + for international). */
final class Phones implements Recognizer {

    private static final Pattern MOBILE = Pattern.compile("(?<![0-9])((?:\\+?86[- ]?)?1[3-9]\\d[- ]?\\d{4}[- ]?\\d{4})(?![0-9])");
    private static final Pattern LANDLINE = Pattern.compile("(?<![0-9])(0\\d{2,3}-\\d{7,8})(?![0-9])");
    private static final Pattern NANP = Pattern.compile("(?<![0-9])(\\+1[ -]?\\(?\\d{3}\\)?[ -]?\\d{3}[ -]?\\d{4}|\\(\\d{3}\\)[ -]?\\d{3}-\\d{4})(?![0-9])");

    @Override
    public List<Entity> find(String folded, String original) {
        List<Entity> out = new ArrayList<>();
        out.addAll(Spans.all(MOBILE, folded, original, EntityExtractor.PHONE, 1, m -> {
            String d = Spans.digits(m.group(1));
            return d.length() == 13 ? d.substring(2) : d; // drop the 86 country code: one form per number
        }));
        out.addAll(Spans.all(LANDLINE, folded, original, EntityExtractor.PHONE, 1, m -> Spans.digits(m.group(1))));
        out.addAll(Spans.all(NANP, folded, original, EntityExtractor.PHONE, 1, m -> {
            String d = Spans.digits(m.group(1));
            return "+" + (d.length() == 10 ? "1" + d : d);
        }));
        return out;
    }
}

package io.kefu.nlp.entity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Money: ¥/RMB/$/USD before the number, or 元/块/块钱/美元/dollars after it (Chinese numerals too: "五十块"). Normalised "29.90 CNY". */
final class Amounts implements Recognizer {

    private static final String NUMBER = "(\\d+(?:,\\d{3})*(?:\\.\\d{1,2})?|[零一二两三四五六七八九十百千万]+)";
    private static final Pattern PREFIX = Pattern.compile("(?i)((¥|￥|\\$|rmb|usd|us\\$)\\s?" + NUMBER + ")");
    private static final Pattern SUFFIX = Pattern.compile("(?i)(" + NUMBER + "\\s?(元|块钱|块|美元|美金|rmb|yuan|dollars?|bucks|usd))(?![A-Za-z])");

    @Override
    public List<Entity> find(String folded, String original) {
        List<Entity> out = new ArrayList<>();
        out.addAll(Spans.all(PREFIX, folded, original, EntityExtractor.AMOUNT, 1, m -> normalize(m.group(3), m.group(2))));
        out.addAll(Spans.all(SUFFIX, folded, original, EntityExtractor.AMOUNT, 1, m -> normalize(m.group(2), m.group(3))));
        return out;
    }

    private static String normalize(String number, String currencyWord) {
        double value = ChineseNumbers.parse(number.replace(",", ""));
        if (value < 0) return null;
        String c = currencyWord.toLowerCase(Locale.ROOT);
        String currency = c.equals("$") || c.startsWith("us") || c.startsWith("dollar") || c.equals("bucks") || c.startsWith("美") ? "USD" : "CNY";
        return String.format(Locale.ROOT, "%.2f %s", value, currency);
    }

}

package io.kefu.nlp.entity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Height and weight for size advice: "175cm", "身高175", "1米75", "1.75m", "5'9\"" → {@code 175cm};
 * "60kg", "120斤", "体重60公斤", "150 lbs" → kilograms ({@code 60kg}; 1 斤 = 0.5 kg).
 */
final class BodyMeasures implements Recognizer {

    private static final Pattern HEIGHT_CM = Pattern.compile("(?i)(?<![0-9.])(1\\d{2}|2[0-2]\\d)\\s?(cm|厘米|公分)");
    private static final Pattern HEIGHT_AFTER_WORD = Pattern.compile("(?i)(?:身高|高|height)[:是 ]{0,2}(1\\d{2}|2[0-2]\\d)(?![0-9.]|\\s?(?:cm|厘米|公分|斤|kg))");
    private static final Pattern HEIGHT_METRES = Pattern.compile("(?i)(?<![0-9.])(1)(?:\\.(\\d{1,2})\\s?(?:m|米)|米([0-9]{1,2}|[一二三四五六七八九十]{1,3}))");
    private static final Pattern WEIGHT = Pattern.compile("(?i)(?<![0-9.])(\\d{2,3}(?:\\.\\d)?)\\s?(kg|公斤|千克|斤|lbs?|pounds?)(?![A-Za-z])");
    private static final Pattern WEIGHT_AFTER_WORD = Pattern.compile("(?i)(?:体重|weight)[:是 ]{0,2}(\\d{2,3})(?![0-9.]|\\s?(?:kg|公斤|千克|斤|lb|cm))");

    @Override
    public List<Entity> find(String folded, String original) {
        List<Entity> out = new ArrayList<>();
        out.addAll(Spans.all(HEIGHT_CM, folded, original, EntityExtractor.HEIGHT, 0, m -> m.group(1) + "cm"));
        out.addAll(Spans.all(HEIGHT_AFTER_WORD, folded, original, EntityExtractor.HEIGHT, 1, m -> m.group(1) + "cm"));
        out.addAll(Spans.all(HEIGHT_METRES, folded, original, EntityExtractor.HEIGHT, 0, m -> {
            String rest = m.group(2) != null ? m.group(2) : m.group(3);
            double cm = ChineseNumbers.parse(rest);
            if (m.group(2) != null && rest.length() == 1) cm *= 10; // "1.7m" = 170 cm
            return cm < 0 ? null : (100 + Math.round(cm)) + "cm";
        }));
        out.addAll(Spans.all(WEIGHT, folded, original, EntityExtractor.WEIGHT, 0, m -> kilograms(Double.parseDouble(m.group(1)), m.group(2))));
        out.addAll(Spans.all(WEIGHT_AFTER_WORD, folded, original, EntityExtractor.WEIGHT, 1, m -> {
            double v = Double.parseDouble(m.group(1));
            return kilograms(v, v >= 90 ? "斤" : "kg"); // Chinese buyers give weight in 斤 unless it is small
        }));
        return out;
    }

    private static String kilograms(double value, String unit) {
        String u = unit.toLowerCase(Locale.ROOT);
        double kg = u.equals("斤") ? value / 2 : u.startsWith("lb") || u.startsWith("pound") ? value * 0.4536 : value;
        return (kg == Math.rint(kg) ? String.valueOf((long) kg) : String.format(Locale.ROOT, "%.1f", kg)) + "kg";
    }
}

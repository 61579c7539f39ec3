package io.kefu.nlp.entity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Dates as buyers write them. Absolute ones normalise to ISO ({@code 2024-05-03}, or
 * {@code --05-03} without a year); relative ones to {@code today}, {@code +1d}, {@code -2d} or
 * {@code weekday:5} (Monday = 1), which the dialogue resolves against the conversation's clock.
 */
final class Dates implements Recognizer {

    private static final Pattern ISO = Pattern.compile("(?<![0-9])(20\\d{2})[-/.年](\\d{1,2})[-/.月](\\d{1,2})[日号]?(?![0-9])");
    private static final Pattern MONTH_DAY_ZH = Pattern.compile("(?<![0-9])(\\d{1,2})月(\\d{1,2})[日号]?");
    private static final Pattern MONTH_DAY_SLASH = Pattern.compile("(?<![0-9/])(\\d{1,2})/(\\d{1,2})(?![0-9/])");
    private static final Pattern RELATIVE_ZH = Pattern.compile("(今天|明天|后天|大后天|昨天|前天|今日|明日|昨日)");
    private static final Pattern WEEKDAY_ZH = Pattern.compile("(下|这|本|上)?(?:周|星期|礼拜)([一二三四五六日天])");
    private static final Pattern RELATIVE_EN = Pattern.compile("(?i)(?<![A-Za-z])(today|tomorrow|yesterday|tonight)(?![A-Za-z])");
    private static final Pattern MONTH_EN = Pattern.compile(
            "(?i)(?<![A-Za-z])(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?\\s(\\d{1,2})(?:st|nd|rd|th)?(?![0-9])");
    private static final List<String> MONTHS = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");

    @Override
    public List<Entity> find(String folded, String original) {
        List<Entity> out = new ArrayList<>();
        out.addAll(Spans.all(ISO, folded, original, EntityExtractor.DATE, 0, m -> iso(m.group(1), m.group(2), m.group(3))));
        out.addAll(Spans.all(MONTH_DAY_ZH, folded, original, EntityExtractor.DATE, 0, m -> iso(null, m.group(1), m.group(2))));
        out.addAll(Spans.all(MONTH_DAY_SLASH, folded, original, EntityExtractor.DATE, 0, m -> iso(null, m.group(1), m.group(2))));
        out.addAll(Spans.all(RELATIVE_ZH, folded, original, EntityExtractor.DATE, 0, m -> switch (m.group(1)) {
            case "今天", "今日" -> "today";
            case "明天", "明日" -> "+1d";
            case "后天" -> "+2d";
            case "大后天" -> "+3d";
            case "昨天", "昨日" -> "-1d";
            default -> "-2d";
        }));
        out.addAll(Spans.all(WEEKDAY_ZH, folded, original, EntityExtractor.DATE, 0, m -> {
            int day = "一二三四五六".indexOf(m.group(2)) + 1;
            if (day == 0) day = 7;
            String week = m.group(1) == null ? "" : m.group(1).equals("下") ? "next-" : m.group(1).equals("上") ? "last-" : "";
            return week + "weekday:" + day;
        }));
        out.addAll(Spans.all(RELATIVE_EN, folded, original, EntityExtractor.DATE, 0, m -> switch (m.group(1).toLowerCase(Locale.ROOT)) {
            case "today", "tonight" -> "today";
            case "tomorrow" -> "+1d";
            default -> "-1d";
        }));
        out.addAll(Spans.all(MONTH_EN, folded, original, EntityExtractor.DATE, 0,
                m -> iso(null, String.valueOf(MONTHS.indexOf(m.group(1).toLowerCase(Locale.ROOT).substring(0, 3)) + 1), m.group(2))));
        return out;
    }

    private static String iso(String year, String month, String day) {
        int mo = Integer.parseInt(month);
        int d = Integer.parseInt(day);
        if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
        return String.format(Locale.ROOT, "%s-%02d-%02d", year == null ? "-" : year, mo, d);
    }
}

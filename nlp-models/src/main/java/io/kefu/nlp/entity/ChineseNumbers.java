package io.kefu.nlp.entity;

/** "五十" → 50, "一百二十" → 120, "两" → 2; digits pass through. Returns -1 when not a number. */
final class ChineseNumbers {

    private static final String DIGITS = "零一二三四五六七八九";

    private ChineseNumbers() {}

    static double parse(String s) {
        if (s.matches("\\d+(\\.\\d+)?")) return Double.parseDouble(s);
        long total = 0;
        long current = -1;
        for (char c : s.toCharArray()) {
            int d = DIGITS.indexOf(c);
            if (c == '两') d = 2;
            if (d >= 0) {
                current = d;
            } else if (c == '十' || c == '百' || c == '千') {
                int unit = c == '十' ? 10 : c == '百' ? 100 : 1000;
                total += (current < 0 ? 1 : current) * unit;
                current = -1;
            } else if (c == '万') {
                total = (total + Math.max(current, 0)) * 10_000;
                current = -1;
            } else {
                return -1;
            }
        }
        return total + Math.max(current, 0);
    }
}

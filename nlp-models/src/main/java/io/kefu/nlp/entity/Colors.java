package io.kefu.nlp.entity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Colour words in Chinese and English, normalised to an English name ("藏青" → navy). Longest name wins ("酒红色" before "红"). */
final class Colors implements Recognizer {

    private static final Map<String, String> NAMES = new LinkedHashMap<>();

    static {
        String[][] pairs = {
                {"酒红", "burgundy"}, {"藏青", "navy"}, {"藏蓝", "navy"}, {"深蓝", "navy"}, {"宝蓝", "royal blue"}, {"天蓝", "sky blue"},
                {"浅蓝", "light blue"}, {"雾霾蓝", "dusty blue"}, {"米白", "off-white"}, {"奶白", "off-white"}, {"米色", "beige"},
                {"卡其", "khaki"}, {"驼色", "camel"}, {"咖啡", "brown"}, {"棕", "brown"}, {"褐", "brown"}, {"深灰", "dark grey"},
                {"浅灰", "light grey"}, {"灰", "grey"}, {"黑", "black"}, {"白", "white"}, {"红", "red"}, {"粉", "pink"},
                {"橙", "orange"}, {"橘", "orange"}, {"黄", "yellow"}, {"绿", "green"}, {"军绿", "army green"}, {"墨绿", "dark green"},
                {"蓝", "blue"}, {"紫", "purple"}, {"金", "gold"}, {"银", "silver"}, {"杏", "apricot"}, {"透明", "clear"},
                {"black", "black"}, {"white", "white"}, {"red", "red"}, {"blue", "blue"}, {"navy", "navy"}, {"green", "green"},
                {"yellow", "yellow"}, {"pink", "pink"}, {"purple", "purple"}, {"grey", "grey"}, {"gray", "grey"}, {"beige", "beige"},
                {"khaki", "khaki"}, {"brown", "brown"}, {"orange", "orange"}, {"burgundy", "burgundy"}, {"silver", "silver"},
                {"gold", "gold"}, {"cream", "off-white"}, {"ivory", "off-white"}};
        for (String[] p : pairs) NAMES.put(p[0], p[1]);
    }

    // Single Chinese colour characters need 色 after them ("白色"), or "白跑一趟" / "金额" would be colours;
    // two-character names stand alone ("藏青", "卡其").
    private static final Pattern PATTERN = build();

    private static Pattern build() {
        List<String> multi = new ArrayList<>();
        List<String> single = new ArrayList<>();
        for (String name : NAMES.keySet()) {
            if (name.chars().allMatch(c -> c < 128)) multi.add("(?<![A-Za-z])" + name + "(?![A-Za-z])");
            else if (name.length() == 1) single.add(name);
            else multi.add(name + "色?");
        }
        multi.sort((a, b) -> b.length() - a.length());
        return Pattern.compile("(?i)(" + String.join("|", multi) + "|[" + String.join("", single) + "]色)");
    }

    @Override
    public List<Entity> find(String folded, String original) {
        List<Entity> out = new ArrayList<>();
        Matcher m = PATTERN.matcher(folded);
        while (m.find()) {
            String word = m.group(1).toLowerCase(Locale.ROOT);
            String key = word.endsWith("色") ? word.substring(0, word.length() - 1) : word;
            String name = NAMES.get(key);
            if (name == null) continue;
            out.add(new Entity(EntityExtractor.COLOR, original.substring(m.start(), m.end()), m.start(), m.end(), name));
        }
        return out;
    }
}

package io.kefu.handlers.dialogue;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reply template in Chinese and English. {@code {name}} is replaced by the variable
 * {@code name.<language>} if there is one (values the ERP gives in both languages, like a courier's
 * name), else by {@code name}; an unknown variable renders empty, never as a raw brace.
 */
public record Localized(String zh, String en) {
    private static final Pattern VAR = Pattern.compile("\\{([a-z_][a-z0-9_.]*)}");

    public String in(String language) {
        return "en".equals(language) ? en : zh;
    }

    public String render(String language, Map<String, String> vars) {
        Matcher m = VAR.matcher(in(language));
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String v = vars.get(name + "." + language);
            if (v == null) {
                v = vars.getOrDefault(name, "");
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(v));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}

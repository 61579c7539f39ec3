package io.kefu.handlers.dialogue;

import io.kefu.nlp.Prediction;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Reads a yes or a no to a confirmation: the model's affirm/deny, or the short words buyers use. */
final class YesNo {
    private static final Pattern YES = Pattern.compile(
            "^(是|是的|对|对的|好|好的|嗯|嗯嗯|可以|确认|确定|没问题|行|ok|okay|yes|yep|yeah|sure|confirm|correct|right|y)([!！。.~～ ]*|.{0,6}(吧|的|呀|啊))$");
    private static final Pattern NO = Pattern.compile(
            "^(不|不是|不对|不用|不用了|不要|算了|取消|否|no|nope|cancel|don't|do not|n)([!！。.~～ ]*|.{0,8})$");

    private YesNo() {
    }

    /** True, false, or null when the text is neither. */
    static Boolean of(String text, Prediction p) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (NO.matcher(t).matches()) {
            return false;
        }
        if (YES.matcher(t).matches()) {
            return true;
        }
        if (p != null && !p.fallback() && t.length() <= 24) {
            if (p.intent().equals("affirm")) {
                return true;
            }
            if (p.intent().equals("deny")) {
                return false;
            }
        }
        return null;
    }

    static List<String> quickReplies(String language) {
        return "en".equals(language) ? List.of("Yes", "No") : List.of("确认", "取消");
    }
}

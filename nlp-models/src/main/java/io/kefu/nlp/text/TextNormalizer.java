package io.kefu.nlp.text;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts buyer text into one canonical form before any model sees it, so that "ＳＦ１２３…!!!" and
 * "sf123…!" are the same input. Steps, in order: full-width → half-width (1:1 per char, so entity
 * offsets survive), lower case, emoji → sentiment tokens, ids/phones/amounts → shape tokens,
 * repeated punctuation collapsed, whitespace squeezed.
 *
 * <p>Shape tokens matter because every order number is different: a model that sees the digits
 * learns nothing, a model that sees {@code <order>} learns "this buyer is talking about an order".
 */
public final class TextNormalizer {

    public static final String ORDER = "<order>";
    public static final String TRACKING = "<tracking>";
    public static final String PHONE = "<phone>";
    public static final String AMOUNT = "<amount>";
    public static final String NUMBER_ID = "<id>";
    public static final String EMOJI_POSITIVE = "<emoji+>";
    public static final String EMOJI_NEGATIVE = "<emoji->";
    public static final String EMOJI = "<emoji>";

    // Courier prefixes first: "sf1234567890123" must not become <id>.
    private static final Pattern TRACKING_NO = Pattern.compile(
            "(?<![a-z0-9])(?:sf\\d{12,15}|yt\\d{13}|jt\\d{13}|zto\\d{10,15}|1z[0-9a-z]{16}|(?:ems|yd|db|jd)[a-z]?\\d{10,15})(?![a-z0-9])");
    private static final Pattern ORDER_NO = Pattern.compile("(?<![0-9a-z])\\d{18,19}(?![0-9a-z])");
    private static final Pattern PHONE_NO = Pattern.compile("(?<![0-9])(?:\\+?86[- ]?)?1[3-9]\\d[- ]?\\d{4}[- ]?\\d{4}(?![0-9])");
    private static final Pattern LONG_ID = Pattern.compile("(?<![0-9a-z])\\d{10,17}(?![0-9a-z])");
    private static final Pattern AMOUNT_NO = Pattern.compile(
            "(?:[¥$]|rmb|usd)\\s?\\d+(?:\\.\\d{1,2})?|\\d+(?:\\.\\d{1,2})?\\s?(?:元|块钱|块|rmb|yuan|dollars?|bucks)(?![a-z])");
    private static final Pattern REPEATED_PUNCT = Pattern.compile("([!?.,~。，！？、…～\\-])\\1+");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private TextNormalizer() {}

    public static String normalize(String raw) {
        if (raw == null || raw.isEmpty()) return "";
        String text = Width.toHalfWidth(raw).toLowerCase(java.util.Locale.ROOT);
        text = Emoji.replace(text);
        text = replace(TRACKING_NO, text, TRACKING);
        text = replace(ORDER_NO, text, ORDER);
        text = replace(PHONE_NO, text, PHONE);
        text = replace(LONG_ID, text, NUMBER_ID);
        text = replace(AMOUNT_NO, text, AMOUNT);
        text = REPEATED_PUNCT.matcher(text).replaceAll("$1");
        return SPACES.matcher(text).replaceAll(" ").strip();
    }

    private static String replace(Pattern pattern, String text, String token) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) return text;
        // Spaces around the token keep it one word for the tokenizer even when glued to Chinese.
        return m.replaceAll(" " + Matcher.quoteReplacement(token) + " ");
    }
}

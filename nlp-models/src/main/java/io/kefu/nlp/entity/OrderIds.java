package io.kefu.nlp.entity;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Taobao/Tmall order numbers are 18–19 digits; JD's are 12 (older ones 11). A 12-digit number right
 * after a courier word is a tracking number instead (ZTO uses 12–15 digits), so context decides.
 */
final class OrderIds implements Recognizer {

    private static final Pattern TAOBAO = Pattern.compile("(?<![0-9A-Za-z])(\\d{18,19})(?![0-9A-Za-z])");
    private static final Pattern JD = Pattern.compile("(?<![0-9A-Za-z])(\\d{11,12})(?![0-9A-Za-z])");
    private static final Pattern COURIER_CONTEXT = Pattern.compile("(快递|运单|物流|中通|圆通|申通|韵达|tracking|zto)");

    @Override
    public List<Entity> find(String folded, String original) {
        List<Entity> out = new java.util.ArrayList<>(Spans.all(TAOBAO, folded, original, EntityExtractor.ORDER_ID, 1, m -> m.group(1)));
        out.addAll(Spans.all(JD, folded, original, EntityExtractor.ORDER_ID, 1, m -> {
            String context = Spans.before(folded, m.start(), 8);
            if (COURIER_CONTEXT.matcher(context).find()) return null;
            // an 11-digit 1[3-9]… number is a mobile phone, not an old JD order
            if (m.group(1).length() == 11 && m.group(1).matches("1[3-9]\\d{9}") && !context.contains("订单") && !context.contains("order")) return null;
            return m.group(1);
        }));
        return out;
    }
}

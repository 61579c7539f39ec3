package io.kefu.nlp.entity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Courier waybill numbers. Normalised as {@code CARRIER:NUMBER} (upper case), e.g.
 * {@code SF:SF1234567890123}, {@code UPS:1Z999AA10123456784}; a digits-only number next to a
 * courier name ("中通 731234567890") takes that courier.
 */
final class TrackingNumbers implements Recognizer {

    private static final Pattern PREFIXED = Pattern.compile(
            "(?i)(?<![0-9A-Za-z])(SF\\d{12,15}|YT\\d{13}|JT\\d{13}|JD[A-Z]?\\d{12,13}|1Z[0-9A-Z]{16})(?![0-9A-Za-z])");
    private static final Pattern BY_COURIER_NAME = Pattern.compile(
            "(?i)(中通|zto|圆通|申通|韵达|极兔|顺丰|ems|邮政)[^0-9A-Za-z]{0,8}?(\\d{12,15})(?![0-9A-Za-z])");

    @Override
    public List<Entity> find(String folded, String original) {
        List<Entity> out = new ArrayList<>(Spans.all(PREFIXED, folded, original, EntityExtractor.TRACKING_NUMBER, 1, m -> {
            String number = m.group(1).toUpperCase(Locale.ROOT);
            return carrierOfPrefix(number) + ":" + number;
        }));
        out.addAll(Spans.all(BY_COURIER_NAME, folded, original, EntityExtractor.TRACKING_NUMBER, 2,
                m -> carrierOfName(m.group(1)) + ":" + m.group(2)));
        return out;
    }

    private static String carrierOfPrefix(String number) {
        if (number.startsWith("1Z")) return "UPS";
        if (number.startsWith("JD")) return "JD";
        return number.substring(0, 2);
    }

    private static String carrierOfName(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "中通", "zto" -> "ZTO";
            case "圆通" -> "YTO";
            case "申通" -> "STO";
            case "韵达" -> "YUNDA";
            case "极兔" -> "JT";
            case "顺丰" -> "SF";
            default -> "EMS";
        };
    }
}

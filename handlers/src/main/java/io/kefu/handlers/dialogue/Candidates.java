package io.kefu.handlers.dialogue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The orders offered to a buyer who has several ("which one?"), kept in the state as JSON
 * {@code [{"id":…, "label":…}]}. The buyer may tap a quick reply (the label contains the number),
 * type the number or its last digits, or say "the second one" / "第二个".
 */
public final class Candidates {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Integer> ORDINALS = Map.ofEntries(
            Map.entry("第一", 0), Map.entry("第二", 1), Map.entry("第三", 2), Map.entry("第四", 3),
            Map.entry("first", 0), Map.entry("second", 1), Map.entry("third", 2), Map.entry("fourth", 3));

    private Candidates() {
    }

    public static String write(List<String[]> idAndLabel) {
        ArrayNode arr = JSON.createArrayNode();
        for (String[] c : idAndLabel) {
            arr.addObject().put("id", c[0]).put("label", c[1]);
        }
        return arr.toString();
    }

    static List<String> labels(String json) {
        List<String> out = new ArrayList<>();
        read(json).forEach(n -> out.add(n.path("label").asText()));
        return out;
    }

    /** The order id the buyer chose, or null. */
    static String pick(String json, String text) {
        List<JsonNode> all = new ArrayList<>();
        read(json).forEach(all::add);
        if (all.isEmpty()) {
            return null;
        }
        String t = text.toLowerCase(Locale.ROOT).trim();
        for (JsonNode c : all) {
            if (t.contains(c.path("id").asText()) || t.equals(c.path("label").asText().toLowerCase(Locale.ROOT))) {
                return c.path("id").asText();
            }
        }
        for (Map.Entry<String, Integer> e : ORDINALS.entrySet()) {
            if (t.contains(e.getKey()) && e.getValue() < all.size()) {
                return all.get(e.getValue()).path("id").asText();
            }
        }
        if (t.matches("\\d{1,2}")) {
            int i = Integer.parseInt(t) - 1;
            if (i >= 0 && i < all.size()) {
                return all.get(i).path("id").asText();
            }
        }
        String digits = t.replaceAll("\\D", "");
        if (digits.length() >= 3) {
            String match = null;
            for (JsonNode c : all) {
                if (c.path("id").asText().endsWith(digits)) {
                    if (match != null) {
                        return null; // ambiguous: ask again
                    }
                    match = c.path("id").asText();
                }
            }
            return match;
        }
        return null;
    }

    private static JsonNode read(String json) {
        if (json == null || json.isEmpty()) {
            return JSON.createArrayNode();
        }
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            return JSON.createArrayNode();
        }
    }
}

package io.kefu.handlers.bot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reply texts per key (an intent name or a special key like {@code _fallback}) and language, with
 * variants so the bot does not sound like a recording. Placeholders {@code {name}} are filled from
 * the given variables; a variant whose placeholders cannot all be filled is skipped.
 */
public final class ReplyTemplates {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)}");
    public static final String DEFAULT_RESOURCE = "/io/kefu/handlers/replies.yaml";

    private final Map<String, Map<String, List<String>>> texts;

    private ReplyTemplates(Map<String, Map<String, List<String>>> texts) {
        this.texts = texts;
    }

    public static ReplyTemplates defaults() {
        try (InputStream in = ReplyTemplates.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + DEFAULT_RESOURCE);
            }
            return parse(in, DEFAULT_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ReplyTemplates parse(InputStream yaml, String source) throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        Map<String, Map<String, List<String>>> texts = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Map<String, List<String>> perLang = new HashMap<>();
            for (String lang : List.of("zh", "en")) {
                JsonNode arr = e.getValue().get(lang);
                if (arr == null || !arr.isArray() || arr.isEmpty()) {
                    throw new IllegalArgumentException(source + ": " + e.getKey() + "." + lang + ": needs at least one text");
                }
                List<String> variants = new ArrayList<>();
                arr.forEach(v -> variants.add(v.asText()));
                perLang.put(lang, List.copyOf(variants));
            }
            texts.put(e.getKey(), Map.copyOf(perLang));
        }
        for (String required : List.of("_fallback", "_handoff", "_handoff_waiting", "_busy")) {
            if (!texts.containsKey(required)) {
                throw new IllegalArgumentException(source + ": missing required key " + required);
            }
        }
        return new ReplyTemplates(Map.copyOf(texts));
    }

    public boolean has(String key) {
        return texts.containsKey(key);
    }

    /** A variant for {@code key}, rotating with {@code seq}; falls back to {@code _fallback} for unknown keys. */
    public String pick(String key, String language, long seq) {
        return fill(key, language, seq, Map.of());
    }

    public String fill(String key, String language, long seq, Map<String, String> vars) {
        Map<String, List<String>> perLang = texts.getOrDefault(key, texts.get("_fallback"));
        List<String> variants = perLang.getOrDefault(language, perLang.get("zh"));
        int n = variants.size();
        for (int i = 0; i < n; i++) {
            String candidate = substitute(variants.get((int) Math.floorMod(seq + i, (long) n)), vars);
            if (candidate != null) {
                return candidate;
            }
        }
        return texts.get("_fallback").get(language.equals("en") ? "en" : "zh").get(0);
    }

    private static String substitute(String template, Map<String, String> vars) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String v = vars.get(m.group(1));
            if (v == null) {
                return null;
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(v));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}

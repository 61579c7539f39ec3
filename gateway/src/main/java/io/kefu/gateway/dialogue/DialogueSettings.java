package io.kefu.gateway.dialogue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kefu.handlers.config.AllowedKeys;
import io.kefu.handlers.config.ConfigException;
import io.kefu.handlers.config.KefuConfig;
import io.kefu.handlers.config.StoreConfig;
import io.kefu.handlers.erp.ErpSettings;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code erp} and {@code knowledge} sections, checked: unknown keys, wrong types and values out
 * of range are errors that name the key (e.g. {@code erp.app_secret}).
 *
 * @param erp       absent when there is no {@code erp} section
 * @param simulator {@code erp.simulator}: the demo's ERP simulator (from the sandbox) replaces base_url
 * @param stores    store id → its knowledge directory, or {@code null} for the bundled demo data
 */
record DialogueSettings(Optional<ErpSettings> erp, boolean simulator, double threshold, Duration sessionTimeout,
                        Map<String, Path> stores) {
    static final double DEFAULT_THRESHOLD = io.kefu.handlers.knowledge.KnowledgeDefaults.THRESHOLD;
    private static final String SRC = "config";
    private static final AllowedKeys ERP_KEYS = AllowedKeys.of("base_url", "app_key", "app_secret", "budget_ms", "timeout_ms", "retries",
            "breaker_failures", "breaker_open_seconds", "simulator");
    private static final AllowedKeys KNOWLEDGE_KEYS = AllowedKeys.of("threshold", "session_timeout_minutes", "stores");
    private static final AllowedKeys KNOWLEDGE_STORE_KEYS = AllowedKeys.of("dir", "demo");

    static Optional<DialogueSettings> from(KefuConfig config) {
        Optional<JsonNode> erpNode = config.section("erp");
        Optional<JsonNode> kbNode = config.section("knowledge");
        if (erpNode.isEmpty() && kbNode.isEmpty()) {
            return Optional.empty();
        }
        Optional<ErpSettings> erp = Optional.empty();
        boolean simulator = false;
        if (erpNode.isPresent()) {
            JsonNode n = erpNode.get();
            ERP_KEYS.check(n, "erp");
            simulator = bool(n, "simulator", "erp.simulator");
            URI url = URI.create("http://127.0.0.1:1");
            if (!simulator || n.has("base_url")) {
                String u = text(n, "base_url", "erp.base_url", true);
                try {
                    url = URI.create(u);
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(SRC, "erp.base_url", "not a URL: " + u);
                }
                if (!simulator && (url.getScheme() == null || !Set.of("http", "https").contains(url.getScheme()) || url.getHost() == null)) {
                    throw new ConfigException(SRC, "erp.base_url", "must be an http(s) URL like https://erp.example.com");
                }
            }
            String key = text(n, "app_key", "erp.app_key", true);
            String secret = text(n, "app_secret", "erp.app_secret", true);
            if (secret.length() < 16) {
                throw new ConfigException(SRC, "erp.app_secret", "must be at least 16 characters");
            }
            erp = Optional.of(new ErpSettings(url, key, secret,
                    Duration.ofMillis(number(n, "budget_ms", "erp.budget_ms", ErpSettings.DEFAULT_BUDGET.toMillis(), 1, 60_000)),
                    Duration.ofMillis(number(n, "timeout_ms", "erp.timeout_ms", ErpSettings.DEFAULT_TIMEOUT.toMillis(), 50, 120_000)),
                    (int) number(n, "retries", "erp.retries", ErpSettings.DEFAULT_RETRIES, 0, 5),
                    (int) number(n, "breaker_failures", "erp.breaker_failures", ErpSettings.DEFAULT_BREAKER_FAILURES, 1, 1000),
                    Duration.ofSeconds(number(n, "breaker_open_seconds", "erp.breaker_open_seconds",
                            ErpSettings.DEFAULT_BREAKER_OPEN_FOR.toSeconds(), 1, 3600))));
        }
        double threshold = DEFAULT_THRESHOLD;
        Duration timeout = Duration.ofMinutes(30);
        Map<String, Path> stores = new LinkedHashMap<>();
        if (kbNode.isPresent()) {
            JsonNode n = kbNode.get();
            KNOWLEDGE_KEYS.check(n, "knowledge");
            if (n.has("threshold")) {
                if (!n.get("threshold").isNumber() || n.get("threshold").asDouble() < 0 || n.get("threshold").asDouble() > 1) {
                    throw new ConfigException(SRC, "knowledge.threshold", "must be a number from 0 to 1");
                }
                threshold = n.get("threshold").asDouble();
            }
            timeout = Duration.ofMinutes(number(n, "session_timeout_minutes", "knowledge.session_timeout_minutes", 30, 1, 1440));
            JsonNode s = n.get("stores");
            if (s != null) {
                if (!s.isObject()) {
                    throw new ConfigException(SRC, "knowledge.stores", "must be a mapping of store id → {dir: …} or {demo: true}");
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = s.fields(); it.hasNext(); ) {
                    var e = it.next();
                    String at = "knowledge.stores." + e.getKey();
                    if (config.stores().stream().map(StoreConfig::id).noneMatch(e.getKey()::equals)) {
                        throw new ConfigException(SRC, at, "no store with this id in stores[]");
                    }
                    KNOWLEDGE_STORE_KEYS.check(e.getValue(), at);
                    if (bool(e.getValue(), "demo", at + ".demo")) {
                        stores.put(e.getKey(), null);
                    } else {
                        Path dir = Path.of(text(e.getValue(), "dir", at + ".dir", true));
                        if (!Files.isDirectory(dir)) {
                            throw new ConfigException(SRC, at + ".dir", "not a directory: " + dir.toAbsolutePath());
                        }
                        stores.put(e.getKey(), dir);
                    }
                }
            }
        }
        return Optional.of(new DialogueSettings(erp, simulator, threshold, timeout, stores));
    }

    private static String text(JsonNode n, String field, String key, boolean required) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new ConfigException(SRC, key, "required");
            }
            return "";
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            throw new ConfigException(SRC, key, "must be a non-empty string");
        }
        return v.asText();
    }

    private static boolean bool(JsonNode n, String field, String key) {
        JsonNode v = n.get(field);
        if (v == null) {
            return false;
        }
        if (!v.isBoolean()) {
            throw new ConfigException(SRC, key, "must be true or false");
        }
        return v.asBoolean();
    }

    private static long number(JsonNode n, String field, String key, long dflt, long min, long max) {
        JsonNode v = n.get(field);
        if (v == null) {
            return dflt;
        }
        if (!v.canConvertToLong() || !v.isIntegralNumber() || v.asLong() < min || v.asLong() > max) {
            throw new ConfigException(SRC, key, "must be a whole number from " + min + " to " + max);
        }
        return v.asLong();
    }
}

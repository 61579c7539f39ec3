package io.kefu.handlers.plugin.host;

import com.fasterxml.jackson.databind.JsonNode;
import io.kefu.handlers.config.ConfigException;
import io.kefu.handlers.plugin.PluginConfig;
import io.kefu.handlers.plugin.remote.RemoteSpec;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code plugins} section of kefu.yaml, validated (errors name the key, e.g.
 * {@code plugins.stores.demo-store.coupon.enabled}).
 *
 * <pre>
 * plugins:
 *   dir: ./plugins              # jars to load at start
 *   budget_ms: 2000             # per plugin call
 *   breaker_failures: 5         # consecutive failures that switch a plugin off
 *   max_concurrent_calls: 8     # per plugin
 *   drain_ms: 30000             # how long unload/reload waits for in-flight turns
 *   remote:
 *     - {id: faq, url: http://127.0.0.1:9000/kefu, secret: ≥16 chars, intents: [shipping_time], deadline_ms: 1500}
 *   stores:
 *     demo-store:
 *       coupon: {enabled: true, config: {code: SAVE10}}
 * </pre>
 */
public record PluginSettings(Path dir, Duration budget, int breakerFailures, int maxConcurrentCalls, Duration drain,
                             List<RemoteSpec> remote, Map<String, Map<String, StoreEntry>> stores) {
    public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    /** A store's setting for one plugin. */
    public record StoreEntry(boolean enabled, PluginConfig config) {
    }

    public PluginSettings {
        remote = List.copyOf(remote);
        stores = Map.copyOf(stores);
    }

    public static PluginSettings defaults() {
        return new PluginSettings(Path.of("plugins"), Duration.ofSeconds(2), 5, 8, Duration.ofSeconds(30), List.of(), Map.of());
    }

    public PluginSettings withDir(Path d) {
        return new PluginSettings(d, budget, breakerFailures, maxConcurrentCalls, drain, remote, stores);
    }

    public PluginSettings withBudget(Duration b) {
        return new PluginSettings(dir, b, breakerFailures, maxConcurrentCalls, drain, remote, stores);
    }

    public PluginSettings withBreakerFailures(int n) {
        return new PluginSettings(dir, budget, n, maxConcurrentCalls, drain, remote, stores);
    }

    /** Reads the section; {@code knownStores} are the configured store ids. */
    public static PluginSettings read(Optional<JsonNode> section, Set<String> knownStores) {
        if (section.isEmpty()) {
            return defaults();
        }
        JsonNode s = section.get();
        keys(s, "plugins", Set.of("dir", "budget_ms", "breaker_failures", "max_concurrent_calls", "drain_ms", "remote", "stores"));
        Path dir = Path.of(text(s, "dir", "plugins.dir", "plugins"));
        Duration budget = Duration.ofMillis(integer(s, "budget_ms", "plugins.budget_ms", 2000, 10, 60_000));
        int breaker = integer(s, "breaker_failures", "plugins.breaker_failures", 5, 1, 1000);
        int concurrent = integer(s, "max_concurrent_calls", "plugins.max_concurrent_calls", 8, 1, 256);
        Duration drain = Duration.ofMillis(integer(s, "drain_ms", "plugins.drain_ms", 30_000, 100, 600_000));
        List<RemoteSpec> remote = new ArrayList<>();
        JsonNode r = s.get("remote");
        Set<String> remoteIds = new HashSet<>();
        if (r != null && !r.isNull()) {
            if (!r.isArray()) {
                throw error("plugins.remote", "must be a list of remote plugins");
            }
            for (int i = 0; i < r.size(); i++) {
                RemoteSpec spec = remote(r.get(i), "plugins.remote[" + i + "]");
                if (!remoteIds.add(spec.id())) {
                    throw error("plugins.remote[" + i + "].id", "duplicate id " + spec.id());
                }
                remote.add(spec);
            }
        }
        Map<String, Map<String, StoreEntry>> stores = new LinkedHashMap<>();
        JsonNode st = s.get("stores");
        if (st != null && !st.isNull()) {
            if (!st.isObject()) {
                throw error("plugins.stores", "must map store ids to their plugins");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = st.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String path = "plugins.stores." + e.getKey();
                if (!knownStores.contains(e.getKey())) {
                    throw error(path, "no such store (configured stores: " + knownStores + ")");
                }
                if (!e.getValue().isObject()) {
                    throw error(path, "must map plugin ids to {enabled, config}");
                }
                Map<String, StoreEntry> perPlugin = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> pit = e.getValue().fields(); pit.hasNext(); ) {
                    Map.Entry<String, JsonNode> p = pit.next();
                    String pp = path + "." + p.getKey();
                    if (!ID.matcher(p.getKey()).matches()) {
                        throw error(pp, "not a plugin id (" + ID + ")");
                    }
                    perPlugin.put(p.getKey(), entry(p.getValue(), pp));
                }
                stores.put(e.getKey(), perPlugin);
            }
        }
        return new PluginSettings(dir, budget, breaker, concurrent, drain, remote, stores);
    }

    private static StoreEntry entry(JsonNode n, String path) {
        if (!n.isObject()) {
            throw error(path, "must be a mapping with enabled (and optionally config)");
        }
        keys(n, path, Set.of("enabled", "config"));
        JsonNode en = n.get("enabled");
        if (en == null || !en.isBoolean()) {
            throw error(path + ".enabled", "required: true or false");
        }
        return new StoreEntry(en.asBoolean(), config(n.get("config"), path + ".config"));
    }

    /** A plugin's config mapping: scalar values only, kept as text. */
    public static PluginConfig config(JsonNode n, String path) {
        if (n == null || n.isNull()) {
            return PluginConfig.empty();
        }
        if (!n.isObject()) {
            throw error(path, "must be a mapping of keys to values");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                throw error(path + "." + e.getKey(), "must be a text, number or boolean");
            }
            values.put(e.getKey(), e.getValue().asText());
        }
        return new PluginConfig(values);
    }

    private static RemoteSpec remote(JsonNode n, String path) {
        if (n == null || !n.isObject()) {
            throw error(path, "must be a mapping with id, url, secret, intents");
        }
        keys(n, path, Set.of("id", "version", "url", "secret", "intents", "deadline_ms"));
        String id = text(n, "id", path + ".id", null);
        if (id == null || !ID.matcher(id).matches()) {
            throw error(path + ".id", "required: a plugin id (" + ID + ")");
        }
        String url = text(n, "url", path + ".url", null);
        URI uri;
        try {
            uri = url == null ? null : URI.create(url);
        } catch (IllegalArgumentException e) {
            throw error(path + ".url", "not a URL: " + e.getMessage());
        }
        if (uri == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw error(path + ".url", "required: an http:// or https:// URL");
        }
        String secret = text(n, "secret", path + ".secret", null);
        if (secret == null || secret.length() < 16) {
            throw error(path + ".secret", "required: a shared secret of at least 16 characters");
        }
        JsonNode in = n.get("intents");
        if (in == null || !in.isArray() || in.isEmpty()) {
            throw error(path + ".intents", "required: the intents routed to this plugin");
        }
        List<String> intents = new ArrayList<>();
        for (int i = 0; i < in.size(); i++) {
            if (!in.get(i).isTextual() || in.get(i).asText().isBlank()) {
                throw error(path + ".intents[" + i + "]", "must be an intent name");
            }
            intents.add(in.get(i).asText());
        }
        int deadline = integer(n, "deadline_ms", path + ".deadline_ms", 1500, 50, 30_000);
        return new RemoteSpec(id, text(n, "version", path + ".version", "remote"), uri, secret, intents, Duration.ofMillis(deadline));
    }

    private static void keys(JsonNode n, String path, Set<String> allowed) {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) {
                throw error(path + "." + f, "unknown key (allowed here: " + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
            }
        }
    }

    private static String text(JsonNode n, String field, String path, String def) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return def;
        }
        if (!v.isTextual()) {
            throw error(path, "must be text");
        }
        return v.asText();
    }

    private static int integer(JsonNode n, String field, String path, int def, int min, int max) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return def;
        }
        if (!v.isInt() || v.asInt() < min || v.asInt() > max) {
            throw error(path, "must be an integer from " + min + " to " + max);
        }
        return v.asInt();
    }

    private static ConfigException error(String key, String problem) {
        return new ConfigException("config", key, problem);
    }
}

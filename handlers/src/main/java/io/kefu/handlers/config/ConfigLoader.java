package io.kefu.handlers.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.kefu.proto.v1.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code kefu.yaml} into an immutable {@link KefuConfig}, rejecting anything doubtful with an
 * error that names the key: unknown keys (typos), wrong types, missing tokens, duplicate ids.
 */
public final class ConfigLoader {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final String source;

    private ConfigLoader(String source) {
        this.source = source;
    }

    public static KefuConfig load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(file.toString(), "(file)", "not found or not a regular file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return parse(file.toString(), in);
        } catch (IOException e) {
            throw new ConfigException(file.toString(), "(file)", "cannot read: " + e.getMessage());
        }
    }

    public static KefuConfig parse(String source, InputStream yaml) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ConfigException(source, "(syntax)", "not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()));
        } catch (IOException e) {
            throw new ConfigException(source, "(file)", "cannot read: " + e.getMessage());
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new ConfigException(source, "(root)", "the file is empty");
        }
        return new ConfigLoader(source).read(root);
    }

    private KefuConfig read(JsonNode root) {
        Set<String> rootKeys = new HashSet<>(Set.of("server", "redis", "data_dir", "nlu", "handoff", "stores"));
        rootKeys.addAll(KefuConfig.SECTION_KEYS);
        object(root, "(root)", rootKeys);
        JsonNode server = optionalObject(root, "server", Set.of("port"));
        int port = intIn(server, "port", "server.port", 8080, 0, 65535);
        JsonNode redis = optionalObject(root, "redis", Set.of("url"));
        Optional<String> redisUrl = Optional.ofNullable(text(redis, "url", "redis.url", null)).filter(s -> !s.isBlank());
        redisUrl.ifPresent(u -> {
            if (!u.startsWith("redis://") && !u.startsWith("rediss://")) {
                throw error("redis.url", "must start with redis:// or rediss:// (got '" + u + "')");
            }
        });
        Path dataDir = Path.of(text(root, "data_dir", "data_dir", "./data"));
        JsonNode nluNode = optionalObject(root, "nlu", Set.of("model", "threshold", "margin"));
        NluConfig nlu = new NluConfig(text(nluNode, "model", "nlu.model", "default"),
                probability(nluNode, "threshold", "nlu.threshold"), probability(nluNode, "margin", "nlu.margin"));
        JsonNode handoffNode = optionalObject(root, "handoff", Set.of("fallbacks_before_handoff"));
        HandoffConfig handoff = new HandoffConfig(
                intIn(handoffNode, "fallbacks_before_handoff", "handoff.fallbacks_before_handoff", 2, 1, 100));
        java.util.Map<String, JsonNode> sections = new java.util.HashMap<>();
        for (String k : KefuConfig.SECTION_KEYS) {
            JsonNode n = root.get(k);
            if (n != null && !n.isNull()) {
                if (!n.isObject()) {
                    throw error(k, "must be a mapping");
                }
                sections.put(k, n);
            }
        }
        return new KefuConfig(port, redisUrl, dataDir, nlu, handoff, stores(root.get("stores")), sections);
    }

    private List<StoreConfig> stores(JsonNode node) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw error("stores", "must be a non-empty list of stores");
        }
        List<StoreConfig> stores = new ArrayList<>();
        Set<String> storeIds = new HashSet<>();
        Set<String> channelIds = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            String at = "stores[" + i + "]";
            JsonNode s = node.get(i);
            object(s, at, Set.of("id", "name", "language", "channels"));
            String id = id(s, at + ".id");
            if (!storeIds.add(id)) {
                throw error(at + ".id", "duplicate store id '" + id + "'");
            }
            String language = text(s, "language", at + ".language", "zh");
            if (!language.equals("zh") && !language.equals("en")) {
                throw error(at + ".language", "must be zh or en (got '" + language + "')");
            }
            JsonNode chans = s.get("channels");
            if (chans == null || !chans.isArray() || chans.isEmpty()) {
                throw error(at + ".channels", "must be a non-empty list of channels");
            }
            List<ChannelConfig> channels = new ArrayList<>();
            for (int j = 0; j < chans.size(); j++) {
                String cat = at + ".channels[" + j + "]";
                JsonNode c = chans.get(j);
                object(c, cat, Set.of("id", "platform", "token", "name", "settings"));
                String cid = id(c, cat + ".id");
                if (!channelIds.add(cid)) {
                    throw error(cat + ".id", "duplicate channel id '" + cid + "' (channel ids are global)");
                }
                Platform platform = platform(c, cat + ".platform");
                String token = text(c, "token", cat + ".token", null);
                if (platform == Platform.OPEN && (token == null || token.length() < 8)) {
                    throw error(cat + ".token", "an open channel needs a token of at least 8 characters");
                }
                channels.add(new ChannelConfig(cid, platform, token, text(c, "name", cat + ".name", cid), settings(c, cat + ".settings")));
            }
            stores.add(new StoreConfig(id, text(s, "name", at + ".name", id), language, channels));
        }
        return stores;
    }

    /** Platforms a channel may name: every chat platform in the proto enum. */
    static final java.util.Map<String, Platform> PLATFORMS = java.util.Map.of(
            "open", Platform.OPEN, "wecom", Platform.WECOM, "wechat_kf", Platform.WECHAT_KF, "feishu", Platform.FEISHU,
            "slack", Platform.SLACK, "douyin", Platform.DOUYIN);

    private Platform platform(JsonNode c, String key) {
        String p = text(c, "platform", key, null);
        String supported = String.join(", ", new java.util.TreeSet<>(PLATFORMS.keySet()));
        if (p == null) {
            throw error(key, "required (one of: " + supported + ")");
        }
        Platform platform = PLATFORMS.get(p.toLowerCase(Locale.ROOT));
        if (platform == null) {
            throw error(key, "unknown platform '" + p + "' (supported: " + supported + ")");
        }
        return platform;
    }

    private java.util.Map<String, String> settings(JsonNode c, String key) {
        JsonNode n = c.get("settings");
        if (n == null || n.isNull()) {
            return java.util.Map.of();
        }
        if (!n.isObject()) {
            throw error(key, "must be a mapping of names to values");
        }
        java.util.Map<String, String> out = new java.util.TreeMap<>();
        for (Iterator<java.util.Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            java.util.Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                throw error(key + "." + e.getKey(), "must be a single value");
            }
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }

    private String id(JsonNode parent, String key) {
        String field = key.substring(key.lastIndexOf('.') + 1);
        String v = text(parent, field, key, null);
        if (v == null || !ID.matcher(v).matches()) {
            throw error(key, "required: 1-64 characters of letters, digits, '_', '.', '-' (got " + (v == null ? "nothing" : "'" + v + "'") + ")");
        }
        return v;
    }

    private void object(JsonNode node, String at, Set<String> allowed) {
        if (node == null || !node.isObject()) {
            throw error(at, "must be a mapping");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) {
                String key = at.equals("(root)") ? f : at + "." + f;
                throw error(key, "unknown key (allowed here: " + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        }
    }

    private JsonNode optionalObject(JsonNode root, String field, Set<String> allowed) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            return YAML.createObjectNode();
        }
        object(n, field, allowed);
        return n;
    }

    private String text(JsonNode parent, String field, String key, String def) {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) {
            return def;
        }
        if (!n.isValueNode() || n.isBoolean()) {
            throw error(key, "must be a string");
        }
        return n.asText().trim();
    }

    private int intIn(JsonNode parent, String field, String key, int def, int min, int max) {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) {
            return def;
        }
        if (!n.canConvertToInt() || !n.isIntegralNumber()) {
            throw error(key, "must be an integer (got '" + n.asText() + "')");
        }
        int v = n.asInt();
        if (v < min || v > max) {
            throw error(key, "must be between " + min + " and " + max + " (got " + v + ")");
        }
        return v;
    }

    private Double probability(JsonNode parent, String field, String key) {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isNumber() || n.asDouble() < 0 || n.asDouble() > 1) {
            throw error(key, "must be a number between 0 and 1 (got '" + n.asText() + "')");
        }
        return n.asDouble();
    }

    private ConfigException error(String key, String problem) {
        return new ConfigException(source, key, problem);
    }
}

package io.kefu.gateway.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.kefu.handlers.config.ConfigException;
import io.kefu.handlers.config.KefuConfig;
import io.kefu.handlers.config.StoreConfig;
import io.kefu.handlers.handoff.BusinessHours;
import io.kefu.handlers.handoff.HandoffRules;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code console} section of kefu.yaml, validated: accounts, session length, and each store's
 * handoff rules (triggers, groups, business hours, clocks) and canned replies. Every problem is a
 * {@link ConfigException} naming the key, e.g. {@code console.accounts[0].password_hash}.
 */
public record ConsoleSettings(List<ConsoleAccount> accounts, Duration sessionTtl, Duration sweepInterval,
                              Map<String, HandoffRules> rules, Map<String, List<String>> cannedReplies) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    static final List<String> DEFAULT_CANNED = List.of(
            "您好，我是人工客服，很高兴为您服务～", "请提供一下您的订单号，我马上为您查询。",
            "已经为您登记，稍后会有专人跟进，请留意消息哦。", "还有其他可以帮您的吗？");

    public ConsoleSettings {
        accounts = List.copyOf(accounts);
        rules = Map.copyOf(rules);
        cannedReplies = Map.copyOf(cannedReplies);
    }

    public java.util.Optional<ConsoleAccount> account(String username) {
        return accounts.stream().filter(a -> a.username().equals(username)).findFirst();
    }

    public List<String> canned(String storeId) {
        return cannedReplies.getOrDefault(storeId, DEFAULT_CANNED);
    }

    public static ConsoleSettings parse(JsonNode n, KefuConfig config) {
        Reader r = new Reader("console", n);
        r.only("session_hours", "sweep_interval_ms", "accounts", "stores");
        Duration ttl = Duration.ofHours(r.integer("session_hours", 12, 1, 720));
        Duration sweep = Duration.ofMillis(r.integer("sweep_interval_ms", 1000, 100, 60_000));
        Set<String> storeIds = new HashSet<>();
        config.stores().forEach(s -> storeIds.add(s.id()));

        List<ConsoleAccount> accounts = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<Reader> accountNodes = r.list("accounts");
        if (accountNodes.isEmpty()) {
            throw r.error("accounts", "at least one account is needed");
        }
        for (Reader a : accountNodes) {
            a.only("username", "password_hash", "role", "store", "name", "capacity", "groups");
            String user = a.text("username", null, NAME, "1-64 letters, digits, _ . -");
            if (!names.add(user)) {
                throw a.error("username", "'" + user + "' is used twice");
            }
            String hash = a.text("password_hash", null, null, null);
            String problem = PasswordHash.problem(hash);
            if (!problem.isEmpty()) {
                throw a.error("password_hash", problem);
            }
            String role = a.text("role", "agent", Pattern.compile("agent|supervisor"), "agent or supervisor");
            String store = a.text("store", null, null, null);
            if (!storeIds.contains(store)) {
                throw a.error("store", "no store '" + store + "' in stores[]");
            }
            int capacity = a.integer("capacity", role.equals("agent") ? 5 : 0, 0, 100);
            List<String> groups = a.texts("groups", List.of("*"));
            accounts.add(new ConsoleAccount(user, hash, role.equals("agent") ? ConsoleAccount.Role.AGENT : ConsoleAccount.Role.SUPERVISOR,
                    store, a.text("name", user, null, null), capacity, new LinkedHashSet<>(groups)));
        }

        Map<String, HandoffRules> rules = new HashMap<>();
        Map<String, List<String>> canned = new HashMap<>();
        for (Reader s : r.list("stores")) {
            String id = s.text("id", null, null, null);
            if (!storeIds.contains(id)) {
                throw s.error("id", "no store '" + id + "' in stores[]");
            }
            rules.put(id, storeRules(s, config.handoff().fallbacksBeforeHandoff()));
            canned.put(id, s.texts("canned_replies", DEFAULT_CANNED));
        }
        for (StoreConfig st : config.stores()) {
            rules.putIfAbsent(st.id(), HandoffRules.defaults(config.handoff().fallbacksBeforeHandoff()));
        }
        return new ConsoleSettings(accounts, ttl, sweep, rules, canned);
    }

    private static HandoffRules storeRules(Reader s, int fallbacks) {
        s.only("id", "triggers", "fallbacks_before_handoff", "repeated_fallbacks", "angry_words", "vip_tiers",
                "high_value_order_amount", "after_sales_intents", "priorities", "groups", "default_group", "business_hours",
                "first_response_sla_seconds", "agent_silent_seconds", "agent_silent_action", "presence_grace_seconds",
                "auto_assign", "canned_replies");
        HandoffRules d = HandoffRules.defaults(fallbacks);
        List<String> triggers = s.texts("triggers", d.triggers().stream().sorted().toList());
        for (int i = 0; i < triggers.size(); i++) {
            if (!HandoffRules.ALL_TRIGGERS.contains(triggers.get(i))) {
                throw s.error("triggers[" + i + "]", "unknown trigger '" + triggers.get(i) + "' (one of " + HandoffRules.ALL_TRIGGERS + ")");
            }
        }
        int fb = s.integer("fallbacks_before_handoff", fallbacks, 1, 100);
        Map<String, Integer> priorities = new HashMap<>(d.priorities());
        s.map("priorities").forEach((k, v) -> priorities.put(k, s.intValue(s.path() + ".priorities." + k, v, 0, 100)));
        Map<String, String> groups = new HashMap<>(d.groups());
        s.map("groups").forEach((k, v) -> groups.put(k, s.nameValue("groups." + k, v)));
        String silentAction = s.text("agent_silent_action", HandoffRules.REQUEUE, Pattern.compile("requeue|bot"), "requeue or bot");
        return new HandoffRules(new HashSet<>(triggers), fb, s.integer("repeated_fallbacks", Math.max(3, fb + 1), 1, 100),
                s.texts("angry_words", d.angryWords()), new HashSet<>(s.texts("vip_tiers", List.copyOf(d.vipTiers()))),
                s.number("high_value_order_amount", d.highValueAmount()),
                new HashSet<>(s.texts("after_sales_intents", List.copyOf(d.afterSalesIntents()))), priorities, groups,
                s.text("default_group", "default", NAME, "1-64 letters, digits, _ . -"), hours(s),
                Duration.ofSeconds(s.integer("first_response_sla_seconds", 60, 5, 86_400)),
                Duration.ofSeconds(s.integer("agent_silent_seconds", 300, 10, 86_400)), silentAction,
                Duration.ofSeconds(s.integer("presence_grace_seconds", 60, 5, 3600)), s.bool("auto_assign", true));
    }

    private static BusinessHours hours(Reader s) {
        Reader h = s.child("business_hours");
        if (h == null) {
            return BusinessHours.ALWAYS;
        }
        h.only("timezone", "open", "close", "days");
        ZoneId zone;
        try {
            zone = ZoneId.of(h.text("timezone", "UTC", null, null));
        } catch (RuntimeException e) {
            throw h.error("timezone", "unknown time zone (e.g. Asia/Shanghai)");
        }
        LocalTime open = h.time("open");
        LocalTime close = h.time("close");
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        List<String> names = h.texts("days", List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun"));
        for (int i = 0; i < names.size(); i++) {
            DayOfWeek day = DAYS.get(names.get(i).toLowerCase(java.util.Locale.ROOT));
            if (day == null) {
                throw h.error("days[" + i + "]", "one of mon tue wed thu fri sat sun");
            }
            days.add(day);
        }
        return new BusinessHours(zone, open, close, days);
    }

    private static final Map<String, DayOfWeek> DAYS = Map.of("mon", DayOfWeek.MONDAY, "tue", DayOfWeek.TUESDAY,
            "wed", DayOfWeek.WEDNESDAY, "thu", DayOfWeek.THURSDAY, "fri", DayOfWeek.FRIDAY, "sat", DayOfWeek.SATURDAY,
            "sun", DayOfWeek.SUNDAY);

    /** Reads one object of the section, naming every key it complains about by its full path. */
    private record Reader(String path, JsonNode node) {
        Reader {
            if (node != null && !node.isNull() && !node.isObject()) {
                throw new ConfigException("config", path, "must be a mapping");
            }
        }

        ConfigException error(String key, String problem) {
            return new ConfigException("config", path + "." + key, problem);
        }

        JsonNode get(String key) {
            JsonNode v = node == null ? null : node.get(key);
            return v == null || v.isNull() ? null : v;
        }

        void only(String... keys) {
            if (node == null) {
                return;
            }
            Set<String> allowed = Set.of(keys);
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!allowed.contains(k)) {
                    throw error(k, "unknown key (allowed here: " + String.join(", ", keys) + ")");
                }
            }
        }

        String text(String key, String dflt, Pattern pattern, String shape) {
            JsonNode v = get(key);
            if (v == null) {
                if (dflt == null) {
                    throw error(key, "required");
                }
                return dflt;
            }
            if (!v.isTextual() || v.asText().isBlank()) {
                throw error(key, "must be a non-empty string");
            }
            if (pattern != null && !pattern.matcher(v.asText()).matches()) {
                throw error(key, "must be " + shape + " (got '" + v.asText() + "')");
            }
            return v.asText();
        }

        int integer(String key, int dflt, int min, int max) {
            JsonNode v = get(key);
            return v == null ? dflt : intValue(path + "." + key, v, min, max);
        }

        int intValue(String fullKey, JsonNode v, int min, int max) {
            if (!v.isIntegralNumber() || v.asLong() < min || v.asLong() > max) {
                throw new ConfigException("config", fullKey, "must be a whole number " + min + "–" + max);
            }
            return v.asInt();
        }

        String nameValue(String key, JsonNode v) {
            if (!v.isTextual() || !NAME.matcher(v.asText()).matches()) {
                throw new ConfigException("config", path + "." + key, "must be 1-64 letters, digits, _ . -");
            }
            return v.asText();
        }

        double number(String key, double dflt) {
            JsonNode v = get(key);
            if (v == null) {
                return dflt;
            }
            if (!v.isNumber() || v.asDouble() < 0) {
                throw error(key, "must be a number ≥ 0 (0 turns the trigger off)");
            }
            return v.asDouble();
        }

        boolean bool(String key, boolean dflt) {
            JsonNode v = get(key);
            if (v == null) {
                return dflt;
            }
            if (!v.isBoolean()) {
                throw error(key, "must be true or false");
            }
            return v.asBoolean();
        }

        LocalTime time(String key) {
            String t = text(key, null, null, null);
            try {
                return LocalTime.parse(t);
            } catch (DateTimeParseException e) {
                throw error(key, "must be a time like 09:00 (got '" + t + "')");
            }
        }

        List<String> texts(String key, List<String> dflt) {
            JsonNode v = get(key);
            if (v == null) {
                return dflt;
            }
            if (!v.isArray()) {
                throw error(key, "must be a list of strings");
            }
            List<String> out = new ArrayList<>();
            for (int i = 0; i < v.size(); i++) {
                if (!v.get(i).isTextual() || v.get(i).asText().isBlank()) {
                    throw error(key + "[" + i + "]", "must be a non-empty string");
                }
                out.add(v.get(i).asText());
            }
            return out;
        }

        Map<String, JsonNode> map(String key) {
            Reader c = child(key);
            Map<String, JsonNode> out = new HashMap<>();
            if (c != null) {
                c.node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
            }
            return out;
        }

        Reader child(String key) {
            JsonNode v = get(key);
            return v == null ? null : new Reader(path + "." + key, v);
        }

        List<Reader> list(String key) {
            JsonNode v = get(key);
            if (v == null) {
                return List.of();
            }
            if (!v.isArray()) {
                throw error(key, "must be a list");
            }
            List<Reader> out = new ArrayList<>();
            for (int i = 0; i < v.size(); i++) {
                out.add(new Reader(path + "." + key + "[" + i + "]", v.get(i)));
            }
            return out;
        }
    }
}

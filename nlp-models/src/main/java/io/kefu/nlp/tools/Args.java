package io.kefu.nlp.tools;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code --name value...} options: every value up to the next {@code --option} belongs to it. */
final class Args {

    private final Map<String, List<String>> values = new LinkedHashMap<>();

    private Args() {}

    static Args parse(List<String> args, Set<String> known) {
        Args parsed = new Args();
        String current = null;
        for (String a : args) {
            if (a.startsWith("--")) {
                current = a.substring(2);
                if (!known.contains(current)) throw new UsageException("unknown option --" + current);
                if (parsed.values.containsKey(current)) throw new UsageException("--" + current + " given twice");
                parsed.values.put(current, new ArrayList<>());
            } else {
                if (current == null) throw new UsageException("unexpected argument '" + a + "'");
                parsed.values.get(current).add(a);
            }
        }
        return parsed;
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    List<String> all(String name) {
        List<String> v = values.get(name);
        if (v == null) return List.of();
        if (v.isEmpty()) throw new UsageException("--" + name + " needs a value");
        return v;
    }

    String one(String name, String fallback) {
        List<String> v = values.get(name);
        if (v == null) return fallback;
        if (v.size() != 1) throw new UsageException("--" + name + " takes exactly one value");
        return v.get(0);
    }

    String required(String name) {
        String v = one(name, null);
        if (v == null) throw new UsageException("--" + name + " is required");
        return v;
    }

    int integer(String name, int fallback) {
        String v = one(name, null);
        if (v == null) return fallback;
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a number, got '" + v + "'");
        }
    }

    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}

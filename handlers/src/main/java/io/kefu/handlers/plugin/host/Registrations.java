package io.kefu.handlers.plugin.host;

import io.kefu.handlers.plugin.AdminCommand;
import io.kefu.handlers.plugin.PluginMiddleware;
import io.kefu.handlers.plugin.StoreJob;
import io.kefu.handlers.plugin.TurnHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one plugin generation registered in {@code start}. Every handler has a key
 * ({@code intent:…}, {@code flow:…}, {@code mw:…}) so a question it asked can route the buyer's
 * answer back to it on the next turn.
 */
final class Registrations {
    record Job(String name, Duration every, StoreJob job) {
    }

    final Map<String, TurnHandler> byKey = new LinkedHashMap<>();
    final Map<String, String> keyByIntent = new LinkedHashMap<>();
    final List<String> middlewareKeys = new ArrayList<>();
    final Map<String, Job> jobs = new LinkedHashMap<>();
    final Map<String, AdminCommand> commands = new LinkedHashMap<>();

    Optional<String> keyForIntent(String intent) {
        return Optional.ofNullable(keyByIntent.get(intent));
    }

    TurnHandler handler(String key) {
        return byKey.get(key);
    }

    void middleware(PluginMiddleware m) {
        String key = "mw:" + middlewareKeys.size();
        middlewareKeys.add(key);
        byKey.put(key, m::handle);
    }
}

package io.kefu.handlers.plugin.host;

import java.util.List;
import java.util.Map;

/** One plugin as {@code GET /plugins} and {@code ./kefu plugins list} show it. */
public record PluginStatus(String id, String version, String kind, String source, String state,
                           List<String> enabledStores, Map<String, Long> failures, int consecutiveFailures,
                           String lastFailure) {
    public static final String ACTIVE = "active";
    public static final String SWITCHED_OFF = "switched_off";
}

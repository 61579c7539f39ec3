package io.kefu.gateway.plugins;

import com.fasterxml.jackson.databind.JsonNode;
import io.kefu.gateway.admin.AdminToken;
import io.kefu.gateway.extension.NodeContext;
import io.kefu.gateway.extension.NodeExtension;
import io.kefu.handlers.config.StoreConfig;
import io.kefu.handlers.plugin.host.PluginHost;
import io.kefu.handlers.plugin.host.PluginSettings;
import io.kefu.handlers.plugin.host.StoreServices;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Plugins on a node: when kefu.yaml has a {@code plugins} section, validates it, installs the
 * plugin host on the bot, loads the jars in {@code plugins.dir} and the remote plugins, and (with
 * an {@code admin.token}) serves the plugin admin API under {@code /plugins}.
 */
public final class PluginsExtension implements NodeExtension {
    private PluginHost host;

    @Override
    public String name() {
        return "plugins";
    }

    @Override
    public void start(NodeContext ctx) {
        Optional<JsonNode> section = ctx.config().section("plugins");
        if (section.isEmpty()) {
            return;
        }
        Set<String> stores = ctx.config().stores().stream().map(StoreConfig::id).collect(Collectors.toSet());
        PluginSettings settings = PluginSettings.read(section, stores);
        host = new PluginHost(settings, stores, ctx.redis(), ctx.metrics().registry, ctx.timer(), StoreServices.none())
                .install(ctx.app());
        host.loadAll();
        AdminToken.of(ctx.config()).ifPresent(token -> ctx.registerEndpoint(new PluginAdminEndpoint(token, host, ctx.blocking())));
    }

    /** The host, for tests and embedding (empty until started with a plugins section). */
    public Optional<PluginHost> host() {
        return Optional.ofNullable(host);
    }

    @Override
    public void close() {
        if (host != null) {
            host.close();
        }
    }
}

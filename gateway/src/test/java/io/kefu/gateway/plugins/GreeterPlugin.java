package io.kefu.gateway.plugins;

import io.kefu.handlers.plugin.KefuPlugin;
import io.kefu.handlers.plugin.PluginContext;

/** Packed into a jar by {@link PluginsExtensionTest}; its reply names its config. */
public final class GreeterPlugin implements KefuPlugin {
    @Override
    public String id() {
        return "greeter";
    }

    @Override
    public String version() {
        return "1.0";
    }

    @Override
    public void start(PluginContext ctx) {
        ctx.onIntent("membership", turn -> turn.reply("greeter: " + turn.config().get("word", "hello")));
    }
}

package io.kefu.plugins.clashb;

import io.kefu.handlers.plugin.KefuPlugin;
import io.kefu.handlers.plugin.PluginContext;
import org.apache.commons.lang3.StringUtils;

/**
 * Depends on commons-lang3 3.17.0 while its sibling plugin depends on another version: each must
 * see its own copy (the integration test loads both into one node). Answers the intent "lang-new".
 */
public final class LangNewPlugin implements KefuPlugin {
    @Override
    public String id() {
        return "lang-new";
    }

    @Override
    public String version() {
        return "1.0.0";
    }

    @Override
    public void start(PluginContext ctx) {
        ctx.onIntent("lang-new", turn -> turn.reply("lang-new uses commons-lang3 "
                + StringUtils.defaultString(StringUtils.class.getPackage().getImplementationVersion(), "?")));
    }
}

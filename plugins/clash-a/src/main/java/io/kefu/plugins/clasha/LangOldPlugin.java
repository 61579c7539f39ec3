package io.kefu.plugins.clasha;

import io.kefu.handlers.plugin.KefuPlugin;
import io.kefu.handlers.plugin.PluginContext;
import org.apache.commons.lang3.StringUtils;

/**
 * Depends on commons-lang3 3.12.0 while its sibling plugin depends on another version: each must
 * see its own copy (the integration test loads both into one node). Answers the intent "lang-old".
 */
public final class LangOldPlugin implements KefuPlugin {
    @Override
    public String id() {
        return "lang-old";
    }

    @Override
    public String version() {
        return "1.0.0";
    }

    @Override
    public void start(PluginContext ctx) {
        ctx.onIntent("lang-old", turn -> turn.reply("lang-old uses commons-lang3 "
                + StringUtils.defaultString(StringUtils.class.getPackage().getImplementationVersion(), "?")));
    }
}

package io.kefu.plugins.template;

import io.kefu.handlers.plugin.KefuPlugin;
import io.kefu.handlers.plugin.PluginContext;

/**
 * The starting point for a plugin: copy this module, rename the package and the id, and list
 * your class in {@code src/main/resources/META-INF/services/io.kefu.handlers.plugin.KefuPlugin}.
 * Import only {@code io.kefu.handlers.plugin.*} from kefu; add any other library as an ordinary
 * Maven dependency — it is packed into the jar's {@code lib/}.
 */
public final class ThanksPlugin implements KefuPlugin {
    @Override
    public String id() {
        return "thanks";
    }

    @Override
    public String version() {
        return "1.0.0";
    }

    @Override
    public void start(PluginContext ctx) {
        // Answers the "thanks" intent with the store's own text (plugins.stores.<store>.thanks.config.text).
        ctx.onIntent("thanks", turn -> turn.reply(turn.config().get("text",
                turn.language().equals("en") ? "You're welcome!" : "不客气，祝您购物愉快～")));
    }
}

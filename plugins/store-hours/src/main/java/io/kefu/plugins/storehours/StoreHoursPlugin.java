package io.kefu.plugins.storehours;

import io.kefu.handlers.plugin.KefuPlugin;
import io.kefu.handlers.plugin.PluginContext;
import io.kefu.handlers.plugin.Turn;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;

/**
 * A store-hours skill (middleware: the default model has no "opening hours" intent, so it
 * recognises the question by its words). Config per store: {@code open} / {@code close}
 * (HH:mm, default 09:00–21:00), {@code zone} (default Asia/Shanghai).
 */
public final class StoreHoursPlugin implements KefuPlugin {
    private static final List<String> WORDS = List.of("营业时间", "几点上班", "几点下班", "几点开门", "几点关门",
            "opening hours", "open hours", "when are you open");

    @Override
    public String id() {
        return "store-hours";
    }

    @Override
    public String version() {
        return "1.0.0";
    }

    @Override
    public void start(PluginContext ctx) {
        ctx.use(StoreHoursPlugin::answer);
    }

    static void answer(Turn turn) {
        String text = turn.text().toLowerCase(Locale.ROOT);
        if (WORDS.stream().noneMatch(text::contains)) {
            return; // not ours: the turn continues
        }
        LocalTime open = LocalTime.parse(turn.config().get("open", "09:00"));
        LocalTime close = LocalTime.parse(turn.config().get("close", "21:00"));
        LocalTime now = ZonedDateTime.now(ZoneId.of(turn.config().get("zone", "Asia/Shanghai"))).toLocalTime();
        boolean isOpen = !now.isBefore(open) && now.isBefore(close);
        if (turn.language().equals("en")) {
            turn.reply("We're open " + open + "–" + close + (isOpen ? " — we're open now." : " — we're closed right now."));
        } else {
            turn.reply("营业时间 " + open + "–" + close + (isOpen ? "，现在正在营业哦～" : "，现在已打烊，明天见～"));
        }
    }
}

package io.kefu.handlers.campaign;

import io.kefu.handlers.bot.Middleware;
import io.kefu.handlers.bot.TurnContext;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * "Don't send me these": a buyer of a store with campaigns who asks to stop gets no more proactive
 * messages from it (checked when each task is due) and a confirmation. Matches a short, explicit
 * list of phrases only: a false positive silences a buyer's order updates.
 */
public final class OptOutMiddleware implements Middleware {
    static final Pattern PHRASES = Pattern.compile(
            "^\\s*(退订|td|TD|unsubscribe|stop)\\s*[。.!！]*\\s*$"
            + "|不要(再)?(给我)?(发|推送)(这[些种类]?|此类)?(消息|信息|通知|提醒)"
            + "|别(再)?(给我)?(发|推送)(这[些种类]?|此类)?(消息|信息|通知|提醒)"
            + "|(don'?t|do not|stop) send(ing)? me (these|this|such|any more|messages|reminders|notifications)",
            Pattern.CASE_INSENSITIVE);

    private final CampaignSettings settings;
    private final OptOuts optOuts;

    public OptOutMiddleware(CampaignSettings settings, OptOuts optOuts) {
        this.settings = settings;
        this.optOuts = optOuts;
    }

    public static boolean asksToStop(String text) {
        return PHRASES.matcher(text.toLowerCase(Locale.ROOT)).find() || PHRASES.matcher(text).find();
    }

    @Override
    public void handle(TurnContext ctx, Next next) throws Exception {
        var in = ctx.inbound();
        if (settings.store(in.getStoreId()).isEmpty() || in.getBuyerId().isEmpty() || !asksToStop(in.getText())) {
            next.run();
            return;
        }
        optOuts.optOut(in.getStoreId(), in.getBuyerId());
        ctx.reply(ctx.language().equals("en")
                ? "Done — you won't get payment reminders or order updates from us any more. You can still chat with us any time."
                : "好的，之后不会再给您发送催付和订单通知了。有任何问题随时找我哦～");
        // Not calling next: this message is handled.
    }
}

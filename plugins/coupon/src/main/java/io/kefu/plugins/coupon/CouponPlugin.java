package io.kefu.plugins.coupon;

import io.kefu.handlers.plugin.KefuPlugin;
import io.kefu.handlers.plugin.PluginContext;
import io.kefu.handlers.plugin.Turn;
import java.util.Locale;

/**
 * A coupon skill: a buyer asking about discounts gets a personal coupon code, the same one every
 * time (kept in the plugin's per-store storage). Config per store: {@code prefix} (default KEFU),
 * {@code discount} (text, default "10%"), {@code limit} (codes per store, default 1000).
 * Admin command {@code issued}: how many codes this store handed out.
 */
public final class CouponPlugin implements KefuPlugin {
    @Override
    public String id() {
        return "coupon";
    }

    @Override
    public String version() {
        return "1.0.0";
    }

    @Override
    public void start(PluginContext ctx) {
        ctx.onIntent("price_promotion", turn -> answer(ctx, turn));
        ctx.adminCommand("issued", (store, args) -> store.storage().get("issued").orElse("0"));
    }

    private static void answer(PluginContext ctx, Turn turn) {
        String discount = turn.config().get("discount", "10%");
        String code = turn.storage().get("code:" + turn.buyerId()).orElse(null);
        if (code == null) {
            long n = turn.storage().increment("issued", 1);
            if (n > turn.config().getInt("limit", 1000)) {
                turn.storage().increment("issued", -1);
                turn.reply(turn.language().equals("en") ? "Sorry, today's coupons are all gone." : "抱歉，今天的优惠券已经发完啦～");
                return;
            }
            code = turn.config().get("prefix", "KEFU").toUpperCase(Locale.ROOT) + "-" + String.format("%04d", n);
            turn.storage().put("code:" + turn.buyerId(), code);
            ctx.metrics().increment(turn.storeId(), "coupon_issued");
        }
        turn.setSlot("coupon_code", code);
        turn.reply(turn.language().equals("en")
                ? "Here is your " + discount + " coupon: " + code + " (enter it at checkout)"
                : "送您一张" + discount + "优惠券：" + code + "，下单时填写即可～");
    }
}

package io.kefu.plugins.coupon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kefu.handlers.plugin.testkit.PluginTestKit;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CouponPluginTest {
    @Test
    void oneCodePerBuyerCountedPerStore() throws Exception {
        try (PluginTestKit kit = PluginTestKit.builder()
                .plugin(CouponPlugin::new)
                .intents(Map.of("有优惠券吗", "price_promotion"))
                .store("bear", Map.of("prefix", "bear", "discount", "9折", "limit", "2"))
                .store("cat", Map.of("prefix", "cat"))
                .build()) {
            assertEquals("送您一张9折优惠券：BEAR-0001，下单时填写即可～", kit.say("bear", "b1", "有优惠券吗").text());
            assertEquals("送您一张9折优惠券：BEAR-0001，下单时填写即可～", kit.say("bear", "b1", "有优惠券吗").text());
            assertEquals("BEAR-0001", kit.slots("bear", "b1").get("coupon_code"));
            kit.say("bear", "b2", "有优惠券吗");
            assertEquals("抱歉，今天的优惠券已经发完啦～", kit.say("bear", "b3", "有优惠券吗").text());
            assertEquals("送您一张10%优惠券：CAT-0001，下单时填写即可～", kit.say("cat", "b1", "有优惠券吗").text());
            assertEquals("2", kit.host().command("coupon", "issued", "bear", Map.of()));
            assertEquals("1", kit.host().command("coupon", "issued", "cat", Map.of()));
        }
    }
}

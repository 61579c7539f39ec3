package io.kefu.sandbox.loadgen;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What buyers actually type into a store's chat, so the benchmark exercises normalisation,
 * intent classification and entity extraction the way real traffic does (short, colloquial,
 * order numbers and emoji included), not one fixed string the caches would love.
 */
public final class BuyerTexts {

    static final List<String> ZH = List.of(
            "在吗", "在吗？", "你好", "有人吗", "亲，在不在",
            "我的快递到哪了", "订单号 2024051812345678 什么时候发货", "什么时候发货啊",
            "怎么还没发货", "物流好几天没更新了", "可以改地址吗", "地址填错了，能改成上海市浦东新区吗",
            "我要退货", "怎么申请退款", "退款多久到账", "这个能七天无理由退吗", "收到的东西坏了",
            "尺码偏大还是偏小", "身高170体重65kg穿什么码", "有优惠券吗", "能便宜点吗", "包邮吗",
            "发什么快递", "可以开发票吗", "这个是正品吗", "还有货吗", "什么时候补货",
            "颜色和图片一样吗", "怎么联系人工客服", "转人工", "谢谢", "好的，谢谢亲 😊");

    static final List<String> EN = List.of(
            "hi", "hello, anyone there?", "where is my order", "where is my package #100234",
            "when will my order ship", "tracking hasn't updated for 3 days", "can I change my address",
            "I want to return this", "how do I get a refund", "how long does a refund take",
            "the item arrived damaged", "does this run true to size", "what size should I get, I'm 5'9\"",
            "do you have any discount codes", "is shipping free", "do you ship to Canada",
            "can I get an invoice", "is this authentic", "is it in stock", "when will it be back in stock",
            "talk to a human", "agent please", "thanks!", "ok thank you 🙏");

    /**
     * Questions the bot answers from its own knowledge (greetings, store facts, promotions, sizes in
     * general, thanks) — no order lookup, no ERP call, no hand-off: the traffic the architecture's
     * "bot reply within 10 ms at p99 without ERP calls" budget is about.
     */
    static final List<String> NO_ERP = List.of(
            "在吗", "你好", "有人吗", "亲，在不在", "有优惠券吗", "能便宜点吗", "包邮吗", "发什么快递",
            "这个是正品吗", "颜色和图片一样吗", "尺码偏大还是偏小", "谢谢", "好的，谢谢亲 😊", "拜拜",
            "hi", "hello, anyone there?", "do you have any discount codes", "is shipping free",
            "do you ship to Canada", "is this authentic", "does this run true to size", "thanks!", "ok thank you 🙏");

    private final List<String> texts;

    private BuyerTexts(List<String> texts) {
        this.texts = texts;
    }

    /** {@code zh}, {@code en}, {@code mixed} or {@code no-erp}. */
    public static BuyerTexts of(String language) {
        return switch (language.toLowerCase(Locale.ROOT)) {
            case "zh" -> new BuyerTexts(ZH);
            case "en" -> new BuyerTexts(EN);
            case "mixed" -> new BuyerTexts(concat(ZH, EN));
            case "no-erp" -> new BuyerTexts(NO_ERP);
            default -> throw new IllegalArgumentException("--texts must be zh, en, mixed or no-erp, not " + language);
        };
    }

    public String next() {
        return texts.get(ThreadLocalRandom.current().nextInt(texts.size()));
    }

    List<String> all() {
        return texts;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}

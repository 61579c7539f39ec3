package io.kefu.nlp.intent;

import io.kefu.nlp.data.Example;
import java.util.ArrayList;
import java.util.List;

/** A small bilingual three-intent set that trains in well under a second. */
public final class TinyData {

    private TinyData() {}

    public static List<Example> examples() {
        List<Example> out = new ArrayList<>();
        add(out, "refund", "我要退款", "怎么退款啊", "申请退款", "退货退款", "能退钱吗", "退款多久到账", "i want a refund",
                "refund please", "how do i get my money back", "can i get a refund");
        add(out, "order_status", "我的订单发货了吗", "订单到哪了", "什么时候发货", "查一下订单", "订单状态", "发货没有",
                "where is my order", "has my order shipped", "order status please", "when will it ship");
        add(out, "greeting", "你好", "在吗", "亲在吗", "您好", "哈喽", "有人吗", "hello", "hi there", "hey", "good morning");
        return out;
    }

    private static void add(List<Example> out, String label, String... texts) {
        for (String t : texts) out.add(new Example(label, t));
    }
}

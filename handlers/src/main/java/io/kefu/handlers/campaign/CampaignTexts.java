package io.kefu.handlers.campaign;

import io.kefu.handlers.campaign.CampaignTask.Kind;
import java.util.Locale;

/** The wording of each proactive message, in the store's language. */
final class CampaignTexts {
    private CampaignTexts() {
    }

    static String render(StoreCampaign s, CampaignTask task, OrderView v) {
        boolean en = s.language().equals("en");
        String order = task.orderId();
        String courier = v.text(OrderFields.COURIER).isEmpty() ? (en ? "the courier" : "快递") : v.text(OrderFields.COURIER);
        String tracking = v.text(OrderFields.TRACKING);
        return switch (task.kind()) {
            case REMIND -> reminder(s, order, v.amountCents(), en);
            case SHIPPED -> en ? "Your order " + order + " has shipped with " + courier + ", tracking number " + tracking + "."
                    : "您的订单 " + order + " 已发货：" + courier + "，运单号 " + tracking + "。";
            case STALL -> en ? "The parcel of order " + order + " (" + courier + " " + tracking + ") has not moved for "
                    + s.stallAfter().toHours() + " hours. We have opened an after-sales case and are checking with the courier."
                    : "您的订单 " + order + "（" + courier + " " + tracking + "）物流已超过 " + s.stallAfter().toHours()
                    + " 小时没有更新，我们已登记售后，正在联系快递核实。";
            case EXCEPTION -> task.arg().equals("returned")
                    ? (en ? "The parcel of order " + order + " is being returned to us by " + courier
                            + ". We have opened an after-sales case; an agent will contact you."
                            : "您的订单 " + order + " 被" + courier + "退回，我们已登记售后，客服会尽快联系您处理。")
                    : (en ? "Delivery of order " + order + " failed (" + courier + " " + tracking
                            + "). We have opened an after-sales case; an agent will arrange a new delivery with you."
                            : "您的订单 " + order + " 派送失败（" + courier + " " + tracking + "），我们已登记售后，客服会尽快联系您安排再次派送。");
            case CARE -> en ? "Order " + order + " was delivered — we hope you like it! Any question, just write here."
                    : "您的订单 " + order + " 已签收，希望您喜欢！使用中有任何问题随时找我哦～";
            case REFUND -> refund(order, task.arg(), en);
        };
    }

    private static String reminder(StoreCampaign s, String order, long cents, boolean en) {
        String amount = String.format(Locale.ROOT, "%d.%02d", cents / 100, cents % 100);
        String text;
        if (!s.reminderTemplate().isEmpty()) {
            text = s.reminderTemplate().replace("{order}", order).replace("{amount}", amount).replace("{coupon}", s.coupon());
        } else {
            text = en ? "Your order " + order + " (" + amount + ") is waiting for payment — we are holding it for you."
                    : "亲，您的订单 " + order + "（¥" + amount + "）还未付款哦，商品已为您保留，记得尽快完成支付～";
            if (!s.coupon().isEmpty()) {
                text += en ? " Pay now and use the coupon: " + s.coupon() : " 现在付款还可使用优惠券：" + s.coupon();
            }
        }
        return text + (en ? " (Reply \"unsubscribe\" to stop these messages.)" : "（回复“退订”不再接收此类消息）");
    }

    private static String refund(String order, String status, boolean en) {
        return switch (status) {
            case "requested" -> en ? "We received the refund request for order " + order + " and are on it."
                    : "您的订单 " + order + " 退款申请已收到，我们会尽快处理。";
            case "agreed" -> en ? "The refund for order " + order + " was approved; the money goes back the way you paid."
                    : "您的订单 " + order + " 退款已同意，款项将原路退回。";
            default -> en ? "The refund for order " + order + " was closed. Questions? Just write here."
                    : "您的订单 " + order + " 退款已关闭，如有疑问请随时联系我们。";
        };
    }

    static String afterSalesReason(CampaignTask t) {
        return switch (t.kind()) {
            case STALL -> "logistics_stalled";
            case EXCEPTION -> t.arg().equals("returned") ? "logistics_returned" : "logistics_failed";
            default -> "";
        };
    }

    static Kind kindOf(String code) {
        return Kind.valueOf(code.toUpperCase(Locale.ROOT));
    }
}

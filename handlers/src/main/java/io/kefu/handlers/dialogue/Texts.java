package io.kefu.handlers.dialogue;

/** What the dialogue engine itself says (flows bring their own texts). */
final class Texts {
    static final Localized HOLDING = new Localized(
            "亲，系统正在为您查询中，请稍等片刻，查到后马上告诉您～",
            "Checking that in our system now — I'll message you as soon as I have the answer.");
    static final Localized STILL_CHECKING = new Localized(
            "还在为您查询中，结果出来第一时间告诉您哦～",
            "Still checking — I'll tell you the moment I have it.");
    static final Localized RESUME = new Localized("我们继续刚才的事：", "Back to what we were doing:");
    static final Localized WHICH_ORDER = new Localized(
            "亲，您有多个订单，请问是哪一个呢？点选下面的订单或直接发订单号给我～",
            "You have several orders — which one do you mean? Tap one below or send me the order number.");
    static final Localized UNKNOWN_TRACKING = new Localized(
            "亲，您的订单里没有找到运单号{tracking_no}哦，麻烦核对一下，或者发一下订单号给我～",
            "I couldn't find tracking number {tracking_no} on your orders — could you check it, or send me the order number?");
    static final Localized STUCK = new Localized(
            "抱歉亲，我没能理解清楚，这就为您转接人工客服～",
            "Sorry, I couldn't quite get that — let me bring in a colleague.");
    static final Localized ERP_DOWN = new Localized(
            "抱歉亲，订单系统暂时无法查询，请稍后再试，或回复“转人工”由客服为您处理。",
            "Sorry, our order system can't be reached right now. Please try again shortly, or type \"agent\" to talk to a person.");
    static final Localized ERP_DOWN_HANDOFF = new Localized(
            "抱歉亲，订单系统暂时查询不到，我请人工客服来帮您处理。",
            "Sorry, our order system can't be reached right now, so I'm passing you to a colleague.");
    static final Localized CANCELLED = new Localized(
            "好的亲，这件事先不处理了。还有其他可以帮您的吗？",
            "No problem, I've dropped that. Anything else I can help with?");

    private Texts() {
    }
}

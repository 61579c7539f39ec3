package io.kefu.handlers.handoff;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** What the bot tells the buyer about the human desk itself (closed now, back with the bot). */
public final class DeskMessages {
    private DeskMessages() {
    }

    public static String closed(String language, ZonedDateTime back) {
        if ("en".equals(language)) {
            return "Our agents are offline right now. You are in the queue, and a person will reply from "
                    + back.format(DateTimeFormatter.ofPattern("EEE HH:mm", Locale.ENGLISH)) + " ("
                    + back.getZone().getId() + "). Meanwhile I can still help with orders and shipping.";
        }
        return "亲，现在是人工客服的休息时间～已为您登记排队，客服将于 "
                + back.format(DateTimeFormatter.ofPattern("M月d日 HH:mm", Locale.CHINA))
                + " 上线后第一时间回复您。等待期间有问题也可以先问我哦。";
    }

    public static String backToBot(String language) {
        return "en".equals(language)
                ? "You're back with the shop assistant. Ask me anything, or type \"agent\" to reach a person again."
                : "已为您转回智能助手～还有其他问题随时问我，需要人工可以再输入“人工”哦。";
    }
}

package io.kefu.handlers.campaign;

import io.kefu.proto.v1.Platform;
import java.time.Duration;
import java.time.ZoneId;

/**
 * One store's proactive-service settings ({@code campaigns.stores.<id>} in the config; defaults
 * in README, "Order feeds and proactive service").
 *
 * @param chatChannel      the channel buyers chat with the store on; proactive messages go there
 * @param chatPlatform     its platform (the conversation id is derived from channel and buyer)
 * @param reminderDelay    how long an order may stay unpaid before the one reminder (催付)
 * @param coupon           optional coupon text appended to the reminder ("" = none)
 * @param stallAfter       no logistics movement for this long after shipping = a logistics exception
 * @param buyerDailyLimit  proactive messages per buyer per store-local day; more wait for the next day
 * @param channelPerMinute proactive messages per chat channel per minute; more wait for the next minute
 */
public record StoreCampaign(
        String storeId,
        String chatChannel,
        Platform chatPlatform,
        String language,
        boolean reminders,
        boolean followUps,
        Duration reminderDelay,
        String coupon,
        String reminderTemplate,
        QuietHours quietHours,
        Duration stallAfter,
        int buyerDailyLimit,
        int channelPerMinute) {

    public ZoneId zone() {
        return quietHours.zone();
    }

    /** Defaults for a store chatting on {@code chatChannel} (tests and the demo). */
    public static StoreCampaign defaults(String storeId, String chatChannel, Platform chatPlatform) {
        return new StoreCampaign(storeId, chatChannel, chatPlatform, "zh", true, true, Duration.ofMinutes(30), "", "",
                QuietHours.DEFAULT, Duration.ofHours(48), 3, 60);
    }

    public StoreCampaign withReminderDelay(Duration d) {
        return new StoreCampaign(storeId, chatChannel, chatPlatform, language, reminders, followUps, d, coupon, reminderTemplate,
                quietHours, stallAfter, buyerDailyLimit, channelPerMinute);
    }

    public StoreCampaign withCoupon(String c) {
        return new StoreCampaign(storeId, chatChannel, chatPlatform, language, reminders, followUps, reminderDelay, c, reminderTemplate,
                quietHours, stallAfter, buyerDailyLimit, channelPerMinute);
    }

    public StoreCampaign withQuietHours(QuietHours q) {
        return new StoreCampaign(storeId, chatChannel, chatPlatform, language, reminders, followUps, reminderDelay, coupon, reminderTemplate,
                q, stallAfter, buyerDailyLimit, channelPerMinute);
    }

    public StoreCampaign withLimits(int perBuyerPerDay, int perChannelPerMinute) {
        return new StoreCampaign(storeId, chatChannel, chatPlatform, language, reminders, followUps, reminderDelay, coupon, reminderTemplate,
                quietHours, stallAfter, perBuyerPerDay, perChannelPerMinute);
    }
}

package io.kefu.gateway.connector.slack;

import io.kefu.gateway.connector.ConnectorContext;
import io.kefu.handlers.config.ConfigException;
import java.net.URI;
import java.time.Duration;

/**
 * A Slack channel's {@code settings:}. {@code bot_token} (xoxb-) sends replies; {@code app_token}
 * (xapp-) enables Socket Mode; {@code signing_secret} enables the Events API webhook at
 * {@code /webhooks/slack/{channelId}}; at least one of the two must be set.
 */
record SlackSettings(String botToken, String appToken, String signingSecret, URI baseUrl, Duration pingInterval,
                     double perConversationPerSecond, double perChannelPerSecond) {

    static final String DEFAULT_BASE_URL = "https://slack.com";

    static SlackSettings from(ConnectorContext ctx) {
        String bot = ctx.setting("bot_token");
        if (!bot.startsWith("xoxb-")) {
            throw new ConfigException("config", ctx.settingPath("bot_token"), "a Slack bot token starts with xoxb-");
        }
        String app = ctx.setting("app_token", null);
        if (app != null && !app.startsWith("xapp-")) {
            throw new ConfigException("config", ctx.settingPath("app_token"), "a Slack app-level token starts with xapp-");
        }
        String secret = ctx.setting("signing_secret", null);
        if (app == null && secret == null) {
            throw new ConfigException("config", ctx.settingPath("app_token"),
                    "set app_token (Socket Mode) or signing_secret (Events API webhook), or both");
        }
        URI baseUrl = ctx.baseUrlSetting(DEFAULT_BASE_URL);
        long pingMs = ctx.longSetting("ping_interval_ms", 10_000, 100, 600_000);
        long perConv = ctx.longSetting("sends_per_second_per_conversation", 1, 1, 100);
        long perChannel = ctx.longSetting("sends_per_second", 20, 1, 1000);
        return new SlackSettings(bot, app, secret, baseUrl, Duration.ofMillis(pingMs), perConv, perChannel);
    }

    URI api(String method) {
        return URI.create(baseUrl + "/api/" + method);
    }
}

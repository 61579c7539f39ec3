package io.kefu.gateway.connector.feishu;

import io.kefu.gateway.connector.ConnectorContext;
import io.kefu.handlers.config.ConfigException;
import java.net.URI;

/**
 * A Feishu channel's {@code settings:}. {@code app_id} / {@code app_secret} (a self-built app)
 * open the long connection and fetch the tenant_access_token for replies. {@code encrypt_key}
 * (optional) also serves the HTTP event subscription at {@code /webhooks/feishu/{channelId}}
 * (signed, encrypted); {@code long_connection: false} turns the socket off for webhook-only apps.
 * {@code base_url} defaults to {@value #DEFAULT_BASE_URL} (Lark: https://open.larksuite.com).
 */
record FeishuSettings(String appId, String appSecret, String encryptKey, boolean longConnection, URI baseUrl,
                      double sendsPerSecond, double sendsPerSecondPerChat) {

    static final String DEFAULT_BASE_URL = "https://open.feishu.cn";

    static FeishuSettings from(ConnectorContext ctx) {
        String appId = ctx.setting("app_id");
        if (!appId.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new ConfigException("config", ctx.settingPath("app_id"), "must be the app's App ID (e.g. cli_a1b2c3…)");
        }
        String secret = ctx.setting("app_secret");
        String encryptKey = ctx.setting("encrypt_key", null);
        String lc = ctx.setting("long_connection", "true").trim();
        if (!lc.equals("true") && !lc.equals("false")) {
            throw new ConfigException("config", ctx.settingPath("long_connection"), "must be true or false (got '" + lc + "')");
        }
        boolean longConnection = lc.equals("true");
        if (!longConnection && encryptKey == null) {
            throw new ConfigException("config", ctx.settingPath("encrypt_key"),
                    "with long_connection: false, set encrypt_key so events can arrive over the webhook");
        }
        URI baseUrl = ctx.baseUrlSetting(DEFAULT_BASE_URL);
        // Documented limits of im/v1/messages: 50 per second per app, 5 per second per chat.
        long perApp = ctx.longSetting("sends_per_second", 50, 1, 1000);
        long perChat = ctx.longSetting("sends_per_second_per_chat", 5, 1, 100);
        return new FeishuSettings(appId, secret, encryptKey, longConnection, baseUrl, perApp, perChat);
    }

    URI api(String pathAndQuery) {
        return URI.create(baseUrl + pathAndQuery);
    }
}

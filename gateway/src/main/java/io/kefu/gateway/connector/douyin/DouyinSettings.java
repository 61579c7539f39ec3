package io.kefu.gateway.connector.douyin;

import io.kefu.gateway.connector.ConnectorContext;
import io.kefu.handlers.config.ConfigException;
import java.net.URI;
import java.time.Duration;

/**
 * A Douyin channel's {@code settings:}: {@code client_key} / {@code client_secret} (the app; the
 * secret also verifies {@code X-Douyin-Signature}), {@code base_url} (default
 * {@value #DEFAULT_BASE_URL}), {@code send_path} (the reply API's path, see {@link DouyinApi}),
 * {@code max_event_age_seconds} (default 1800; older events are refused as replays),
 * {@code sends_per_second} (default 20) and {@code sends_per_second_per_conversation} (default 5).
 */
record DouyinSettings(String clientKey, String clientSecret, URI baseUrl, String sendPath, Duration maxEventAge,
                      double sendsPerSecond, double sendsPerSecondPerConversation) {

    static final String DEFAULT_BASE_URL = "https://open.douyin.com";

    static DouyinSettings from(ConnectorContext ctx) {
        String key = ctx.setting("client_key");
        if (!key.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new ConfigException("config", ctx.settingPath("client_key"), "must be the app's client_key");
        }
        String secret = ctx.setting("client_secret");
        URI baseUrl = ctx.baseUrlSetting(DEFAULT_BASE_URL);
        String sendPath = ctx.setting("send_path", DouyinApi.DEFAULT_SEND_PATH);
        if (!sendPath.startsWith("/") || sendPath.contains("?")) {
            throw new ConfigException("config", ctx.settingPath("send_path"), "must be a path starting with / and without a query");
        }
        long age = ctx.longSetting("max_event_age_seconds", 1800, 60, 7 * 24 * 3600);
        long perChannel = ctx.longSetting("sends_per_second", 20, 1, 1000);
        long perConv = ctx.longSetting("sends_per_second_per_conversation", 5, 1, 100);
        return new DouyinSettings(key, secret, baseUrl, sendPath, Duration.ofSeconds(age), perChannel, perConv);
    }

    URI api(String pathAndQuery) {
        return URI.create(baseUrl + pathAndQuery);
    }
}

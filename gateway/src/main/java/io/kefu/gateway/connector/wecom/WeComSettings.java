package io.kefu.gateway.connector.wecom;

import io.kefu.gateway.connector.ConnectorContext;
import io.kefu.handlers.config.ConfigException;
import io.kefu.proto.v1.Platform;
import java.net.URI;
import java.util.Arrays;
import java.util.List;

/**
 * A WeCom channel's {@code settings:}: {@code corp_id}, {@code secret} (the app's or 微信客服's
 * secret, for gettoken), {@code callback_token} and {@code aes_key} (the callback's Token and
 * EncodingAESKey), {@code agent_id} (self-built app replies; required for {@code platform: wecom}),
 * {@code open_kfid} (optional, comma-separated 微信客服 accounts to catch up on at start),
 * {@code base_url} (default {@value #DEFAULT_BASE_URL}).
 */
record WeComSettings(String corpId, String secret, String callbackToken, String aesKey, String agentId, List<String> openKfIds,
                     URI baseUrl, double sendsPerSecond) {

    static final String DEFAULT_BASE_URL = "https://qyapi.weixin.qq.com";

    static WeComSettings from(ConnectorContext ctx) {
        String corp = ctx.setting("corp_id");
        String secret = ctx.setting("secret");
        String token = ctx.setting("callback_token");
        String aes = ctx.setting("aes_key");
        try {
            WeComCallbackCrypto.aesKey(aes);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("config", ctx.settingPath("aes_key"), "must be the 43-character EncodingAESKey (" + e.getMessage() + ")");
        }
        String agent = ctx.channel().platform() == Platform.WECOM ? ctx.setting("agent_id") : ctx.setting("agent_id", null);
        if (agent != null && !agent.matches("\\d{1,12}")) {
            throw new ConfigException("config", ctx.settingPath("agent_id"), "must be the numeric AgentId (got '" + agent + "')");
        }
        String kf = ctx.setting("open_kfid", "");
        List<String> kfIds = Arrays.stream(kf.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        URI baseUrl = ctx.baseUrlSetting(DEFAULT_BASE_URL);
        long rate = ctx.longSetting("sends_per_second", 20, 1, 1000);
        return new WeComSettings(corp, secret, token, aes, agent, kfIds, baseUrl, rate);
    }
}

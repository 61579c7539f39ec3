package io.kefu.gateway.connector.wecom;

import io.kefu.gateway.connector.Connector;
import io.kefu.gateway.connector.ConnectorContext;
import io.kefu.gateway.connector.ConnectorFactory;
import io.kefu.proto.v1.Platform;
import java.util.List;
import java.util.Set;

/**
 * {@code platform: wecom} (a self-built app; 微信客服 events reach the same callback) and
 * {@code platform: wechat_kf} (微信客服 only; no agent_id needed). Both are served at
 * {@code /webhooks/wecom/{channelId}} (and {@code /webhooks/wechat_kf/{channelId}}).
 */
public final class WeComConnectorFactory implements ConnectorFactory {
    @Override
    public Set<Platform> platforms() {
        return Set.of(Platform.WECOM, Platform.WECHAT_KF);
    }

    @Override
    public Connector create(ConnectorContext ctx) {
        return new WeComConnector(ctx);
    }

    @Override
    public List<String> webhookSegments(Platform platform) {
        return List.of("wecom", "wechat_kf");
    }
}

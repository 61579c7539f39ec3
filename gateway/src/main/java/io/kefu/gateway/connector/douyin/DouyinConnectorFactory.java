package io.kefu.gateway.connector.douyin;

import io.kefu.gateway.connector.Connector;
import io.kefu.gateway.connector.ConnectorContext;
import io.kefu.gateway.connector.ConnectorFactory;
import io.kefu.proto.v1.Platform;
import java.util.Set;

/** {@code platform: douyin}, served at {@code /webhooks/douyin/{channelId}}. */
public final class DouyinConnectorFactory implements ConnectorFactory {
    @Override
    public Set<Platform> platforms() {
        return Set.of(Platform.DOUYIN);
    }

    @Override
    public Connector create(ConnectorContext ctx) {
        return new DouyinConnector(ctx);
    }
}

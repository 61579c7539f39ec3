package io.kefu.gateway.connector.feishu;

import io.kefu.gateway.connector.Connector;
import io.kefu.gateway.connector.ConnectorContext;
import io.kefu.gateway.connector.ConnectorFactory;
import io.kefu.proto.v1.Platform;
import java.util.Set;

/** {@code platform: feishu} (Lark too: point {@code base_url} at open.larksuite.com). */
public final class FeishuConnectorFactory implements ConnectorFactory {
    @Override
    public Set<Platform> platforms() {
        return Set.of(Platform.FEISHU);
    }

    @Override
    public Connector create(ConnectorContext ctx) {
        return new FeishuConnector(ctx);
    }
}

package io.kefu.gateway.connector.slack;

import io.kefu.gateway.connector.Connector;
import io.kefu.gateway.connector.ConnectorContext;
import io.kefu.gateway.connector.ConnectorFactory;
import io.kefu.proto.v1.Platform;
import java.util.Set;

/** {@code platform: slack}. */
public final class SlackConnectorFactory implements ConnectorFactory {
    @Override
    public Set<Platform> platforms() {
        return Set.of(Platform.SLACK);
    }

    @Override
    public Connector create(ConnectorContext ctx) {
        return new SlackConnector(ctx);
    }
}

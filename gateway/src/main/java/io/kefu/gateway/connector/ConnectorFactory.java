package io.kefu.gateway.connector;

import io.kefu.proto.v1.Platform;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Makes the {@link Connector} for a channel of its platform(s). Found with
 * {@link java.util.ServiceLoader} ({@code META-INF/services/io.kefu.gateway.connector.ConnectorFactory}),
 * so a new platform is one package plus one line; nothing shared has to change.
 */
public interface ConnectorFactory {

    /** The {@code platform:} values of channels this factory serves. */
    Set<Platform> platforms();

    /**
     * Validates the channel's settings (errors are {@link io.kefu.handlers.config.ConfigException}s
     * naming {@code stores[i].channels[j].settings.key}) and builds its connector; opens nothing yet.
     */
    Connector create(ConnectorContext ctx);

    /** Path segments under which the channel's webhook (if any) is served: {@code /webhooks/{segment}/{channelId}}. */
    default List<String> webhookSegments(Platform platform) {
        return List.of(platform.name().toLowerCase(Locale.ROOT));
    }
}

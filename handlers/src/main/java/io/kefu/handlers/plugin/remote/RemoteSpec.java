package io.kefu.handlers.plugin.remote;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/** A remote plugin from {@code plugins.remote[i]}: where to call it, its secret, the intents routed to it. */
public record RemoteSpec(String id, String version, URI url, String secret, List<String> intents, Duration deadline) {
    public RemoteSpec {
        intents = List.copyOf(intents);
    }
}

package io.kefu.handlers.config;

import io.kefu.proto.v1.Platform;

/**
 * One messaging channel a store has registered kefu on.
 *
 * @param id       unique across all stores; appears in URLs ({@code /channel/open/{id}})
 * @param platform which connector serves it
 * @param token    the shared secret a client presents (open channel)
 * @param name     shown to people (console, demo chat page)
 */
public record ChannelConfig(String id, Platform platform, String token, String name) {
}

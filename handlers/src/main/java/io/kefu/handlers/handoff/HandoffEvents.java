package io.kefu.handlers.handoff;

import static io.kefu.handlers.redis.RedisKeys.bytes;

import io.kefu.handlers.redis.RedisKeys;
import io.kefu.proto.v1.AgentEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Tells every node's console that something changed in a store's handoff desk (Redis pub/sub).
 * Best effort by design: an event only makes a console refresh sooner; what it shows is always
 * read from Redis, and a console that reconnects reloads everything.
 */
public final class HandoffEvents {
    private static final Logger log = LoggerFactory.getLogger(HandoffEvents.class);
    private final UnifiedJedis redis;

    public HandoffEvents(UnifiedJedis redis) {
        this.redis = redis;
    }

    public void publish(AgentEvent e) {
        try {
            redis.publish(bytes(RedisKeys.consoleEvents(e.getStoreId())), e.toByteArray());
        } catch (JedisException ex) {
            log.debug("console event for {} not published: {}", e.getConversationId(), ex.getMessage());
        }
    }
}

package io.kefu.handlers.redis;

import java.net.URI;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.UnifiedJedis;

/** Opens the shared Redis client and proves the server answers before kefu claims to be up. */
public final class RedisConnector {
    private RedisConnector() {
    }

    /**
     * @throws RedisUnavailableException with a message naming the URL when the server does not answer
     */
    public static UnifiedJedis connect(String url, int poolSize) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new RedisUnavailableException("bad Redis URL '" + url + "': " + e.getMessage(), e);
        }
        GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
        pool.setMaxTotal(poolSize);
        pool.setMaxIdle(poolSize);
        pool.setMinIdle(Math.min(4, poolSize));
        pool.setTestWhileIdle(true);
        // A dead connection is dropped on borrow rather than failing a turn.
        pool.setTestOnBorrow(false);
        JedisPooled redis = new JedisPooled(pool, uri, 2000);
        try {
            redis.ping();
        } catch (RuntimeException e) {
            redis.close();
            throw new RedisUnavailableException("Redis at " + redact(url) + " is unreachable: " + rootMessage(e), e);
        }
        return redis;
    }

    static String redact(String url) {
        return url.replaceAll("//[^@/]*@", "//***@");
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}

package io.kefu.handlers.redis;

import static io.kefu.handlers.redis.LuaScript.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kefu.handlers.testing.RedisExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.UnifiedJedis;

class LuaScriptTest {
    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    private static final String SOURCE = "return redis.call('INCRBY', KEYS[1], ARGV[1])";

    @Test
    void runsOnAFreshServerAndAfterScriptFlush() {
        UnifiedJedis r = redis.client();
        LuaScript script = new LuaScript(SOURCE);
        r.scriptFlush();
        // the server does not know the script: EVALSHA fails with NOSCRIPT, the fallback EVAL runs it once
        assertEquals(5L, script.run(r, List.of(utf8("{k}:n")), List.of(utf8("5"))));
        assertEquals(7L, script.run(r, List.of(utf8("{k}:n")), List.of(utf8("2"))));
        r.scriptFlush(); // e.g. a failover to a replica without the script cache
        assertEquals(10L, script.run(r, List.of(utf8("{k}:n")), List.of(utf8("3"))));
        assertEquals("10", r.get("{k}:n"), "each call applied exactly once: the NOSCRIPT attempt changed nothing");
    }

    @Test
    void shaMatchesWhatRedisComputes() {
        UnifiedJedis r = redis.client();
        String sha = r.scriptLoad(SOURCE, "{k}:n");
        r.scriptFlush();
        new LuaScript(SOURCE).run(r, List.of(utf8("{k}:n")), List.of(utf8("1")));
        // EVAL caches the script under the same SHA, so later calls take the EVALSHA fast path
        assertTrue(r.scriptExists(sha, "{k}:n"));
    }
}

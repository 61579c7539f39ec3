package io.kefu.gateway.console;

import io.kefu.handlers.redis.RedisKeys;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;

/**
 * Login sessions, in Redis so any node (and a restarted one) knows them. The cookie carries a
 * random 256-bit token; Redis keeps only its SHA-256, the user and the session's CSRF token.
 */
final class ConsoleSessions {
    static final String COOKIE = "kefu_console";
    private static final SecureRandom RANDOM = new SecureRandom();

    record Session(String token, String username, String csrf) {}

    private final UnifiedJedis redis;
    private final Duration ttl;

    ConsoleSessions(UnifiedJedis redis, Duration ttl) {
        this.redis = redis;
        this.ttl = ttl;
    }

    Session create(String username) {
        String token = random();
        String csrf = random();
        String key = RedisKeys.consoleSession(sha256(token));
        redis.hset(key, Map.of("user", username, "csrf", csrf));
        redis.expire(key, ttl.toSeconds());
        return new Session(token, username, csrf);
    }

    Optional<Session> find(String token) {
        if (token == null || token.length() != 43) {
            return Optional.empty();
        }
        Map<String, String> h = redis.hgetAll(RedisKeys.consoleSession(sha256(token)));
        if (h.get("user") == null) {
            return Optional.empty();
        }
        return Optional.of(new Session(token, h.get("user"), h.get("csrf")));
    }

    void delete(String token) {
        redis.del(RedisKeys.consoleSession(sha256(token)));
    }

    Duration ttl() {
        return ttl;
    }

    private static String random() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.kefu.handlers.store;

import static io.kefu.handlers.redis.LuaScript.utf8;
import static io.kefu.handlers.redis.RedisKeys.bytes;

import com.google.protobuf.InvalidProtocolBufferException;
import io.kefu.handlers.redis.LuaScript;
import io.kefu.handlers.redis.RedisKeys;
import io.kefu.proto.v1.DialogueState;
import io.kefu.proto.v1.HandoffTicket;
import io.kefu.proto.v1.OutboundMessage;
import io.kefu.proto.v1.TurnRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;

/**
 * Dialogue state, transcript and handoff ticket of each conversation. Writes are optimistic:
 * a commit names the version it read and the inbox entry it consumed, and is refused
 * ({@link ConcurrentTurnException}) if either changed, so two nodes racing on one conversation
 * never lose an update and never answer one message twice.
 */
public final class RedisConversationStore {
    static final int TRANSCRIPT_LIMIT = 200;
    static final long CONVERSATION_TTL_SECONDS = 30L * 24 * 3600;

    // KEYS: state inbox outbox replies transcript ticket
    // ARGV: expectedVersion newState consumedRaw record ticket ttl n (id seq body)*n
    private static final LuaScript COMMIT = new LuaScript("""
            local v = redis.call('HGET', KEYS[1], 'v') or '0'
            if v ~= ARGV[1] then return -1 end
            if redis.call('LINDEX', KEYS[2], 0) ~= ARGV[3] then return -2 end
            redis.call('LPOP', KEYS[2])
            redis.call('HSET', KEYS[1], 'v', tostring(tonumber(ARGV[1]) + 1), 'd', ARGV[2])
            redis.call('EXPIRE', KEYS[1], ARGV[6])
            redis.call('RPUSH', KEYS[5], ARGV[4])
            redis.call('LTRIM', KEYS[5], -%d, -1)
            redis.call('EXPIRE', KEYS[5], ARGV[6])
            if ARGV[5] ~= '' then
              redis.call('SET', KEYS[6], ARGV[5], 'EX', ARGV[6])
            end
            local n = tonumber(ARGV[7])
            for i = 0, n - 1 do
              local base = 8 + i * 3
              redis.call('ZADD', KEYS[3], ARGV[base + 1], ARGV[base])
              redis.call('HSET', KEYS[4], ARGV[base], ARGV[base + 2])
            end
            if n > 0 then
              redis.call('EXPIRE', KEYS[3], ARGV[6])
              redis.call('EXPIRE', KEYS[4], ARGV[6])
            end
            return 1
            """.formatted(TRANSCRIPT_LIMIT));

    private final UnifiedJedis redis;

    public RedisConversationStore(UnifiedJedis redis) {
        this.redis = redis;
    }

    /** The client, for the handoff parts that keep their own keys in the conversation's slot. */
    public UnifiedJedis redis() {
        return redis;
    }

    public LoadedState load(String conversationId) {
        Map<byte[], byte[]> h = redis.hgetAll(bytes(RedisKeys.state(conversationId)));
        byte[] v = null;
        byte[] d = null;
        for (Map.Entry<byte[], byte[]> e : h.entrySet()) {
            String k = new String(e.getKey());
            if (k.equals("v")) {
                v = e.getValue();
            } else if (k.equals("d")) {
                d = e.getValue();
            }
        }
        if (v == null || d == null) {
            return new LoadedState(DialogueState.newBuilder().setConversationId(conversationId).build(), 0);
        }
        try {
            return new LoadedState(DialogueState.parseFrom(d), Long.parseLong(new String(v)));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("unreadable state of conversation " + conversationId, e);
        }
    }

    /** Commits one turn atomically; {@link ConcurrentTurnException} when the world moved on. */
    public void commit(TurnCommit c) {
        List<byte[]> args = new ArrayList<>();
        args.add(utf8(Long.toString(c.expectedVersion())));
        args.add(c.newState().toByteArray());
        args.add(c.consumedRaw());
        args.add(c.record().toByteArray());
        args.add(c.ticket().map(HandoffTicket::toByteArray).orElse(new byte[0]));
        args.add(utf8(Long.toString(CONVERSATION_TTL_SECONDS)));
        args.add(utf8(Integer.toString(c.replies().size())));
        for (OutboundMessage r : c.replies()) {
            args.add(utf8(r.getId()));
            args.add(utf8(Long.toString(r.getSeq())));
            args.add(r.toByteArray());
        }
        String conv = c.conversationId();
        Object r = COMMIT.run(redis, List.of(
                bytes(RedisKeys.state(conv)), bytes(RedisKeys.inbox(conv)), bytes(RedisKeys.outbox(conv)),
                bytes(RedisKeys.replies(conv)), bytes(RedisKeys.transcript(conv)), bytes(RedisKeys.ticket(conv))), args);
        long code = (Long) r;
        if (code == -1) {
            throw new ConcurrentTurnException("state of " + conv + " changed since version " + c.expectedVersion());
        }
        if (code == -2) {
            throw new ConcurrentTurnException("message of " + conv + " was already consumed");
        }
    }

    public List<TurnRecord> transcript(String conversationId) {
        List<TurnRecord> out = new ArrayList<>();
        for (byte[] raw : redis.lrange(bytes(RedisKeys.transcript(conversationId)), 0, -1)) {
            try {
                out.add(TurnRecord.parseFrom(raw));
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalStateException("unreadable transcript entry of " + conversationId, e);
            }
        }
        return out;
    }

    public Optional<HandoffTicket> ticket(String conversationId) {
        byte[] raw = redis.get(bytes(RedisKeys.ticket(conversationId)));
        if (raw == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(HandoffTicket.parseFrom(raw));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("unreadable ticket of " + conversationId, e);
        }
    }
}

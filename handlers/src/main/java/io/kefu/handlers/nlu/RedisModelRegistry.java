package io.kefu.handlers.nlu;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kefu.handlers.redis.LuaScript;
import io.kefu.nlp.model.IntentModel;
import io.kefu.nlp.model.ModelMetadata;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;

/**
 * Published intent models, shared by every node through Redis: the model files by content id,
 * their metadata, the active id and the activation history (for rollback). Activating publishes
 * an event so every node switches; the keys share one hash tag so each step is one atomic script.
 */
public final class RedisModelRegistry {
    public static final String EVENTS = "kefu:{models}:events";
    static final String ACTIVE = "kefu:{models}:active";
    static final String HISTORY = "kefu:{models}:history";
    static final String META = "kefu:{models}:meta";
    static final int HISTORY_LIMIT = 50;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final LuaScript ACTIVATE = new LuaScript("""
            if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
            redis.call('SET', KEYS[2], ARGV[1])
            if redis.call('LINDEX', KEYS[3], 0) ~= ARGV[1] then
              redis.call('LPUSH', KEYS[3], ARGV[1])
              redis.call('LTRIM', KEYS[3], 0, %d)
            end
            redis.call('PUBLISH', ARGV[2], ARGV[1])
            return 1
            """.formatted(HISTORY_LIMIT - 1));

    private static final LuaScript ROLLBACK = new LuaScript("""
            if redis.call('LLEN', KEYS[2]) < 2 then return false end
            redis.call('LPOP', KEYS[2])
            local id = redis.call('LINDEX', KEYS[2], 0)
            redis.call('SET', KEYS[1], id)
            redis.call('PUBLISH', ARGV[1], id)
            return id
            """);

    private final UnifiedJedis redis;

    public RedisModelRegistry(UnifiedJedis redis) {
        this.redis = redis;
    }

    static String blobKey(String id) {
        return "kefu:{models}:blob:" + id;
    }

    /**
     * Stores a model file after proving it loads. Returns its metadata (the id is its content hash,
     * so uploading the same file twice is harmless).
     *
     * @throws IOException with a clear reason when the bytes are not a kefu model
     */
    public ModelMetadata upload(byte[] modelFile) throws IOException {
        IntentModel model = parse(modelFile);
        ModelMetadata meta = model.metadata();
        redis.set(blobKey(meta.id()).getBytes(StandardCharsets.UTF_8), modelFile);
        redis.hset(META, meta.id(), JSON.writeValueAsString(meta));
        return meta;
    }

    /** @return false when no model with that id was uploaded */
    public boolean activate(String id) {
        Object r = ACTIVATE.run(redis, List.of(bytes(blobKey(id)), bytes(ACTIVE), bytes(HISTORY)), List.of(bytes(id), bytes(EVENTS)));
        return ((Long) r) == 1L;
    }

    /** Re-activates the previously active model; empty when there is none. */
    public Optional<String> rollback() {
        Object r = ROLLBACK.run(redis, List.of(bytes(ACTIVE), bytes(HISTORY)), List.of(bytes(EVENTS)));
        return r == null ? Optional.empty() : Optional.of(new String((byte[]) r, StandardCharsets.UTF_8));
    }

    public Optional<String> activeId() {
        return Optional.ofNullable(redis.get(ACTIVE));
    }

    public List<String> history() {
        return redis.lrange(HISTORY, 0, -1);
    }

    /** Metadata of every uploaded model, as stored (JSON objects). */
    public List<Map<String, Object>> list() throws IOException {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String json : redis.hgetAll(META).values()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = JSON.readValue(json, Map.class);
            out.add(m);
        }
        out.sort((a, b) -> String.valueOf(b.get("created")).compareTo(String.valueOf(a.get("created"))));
        return out;
    }

    public Optional<IntentModel> load(String id) throws IOException {
        byte[] blob = redis.get(bytes(blobKey(id)));
        return blob == null ? Optional.empty() : Optional.of(parse(blob));
    }

    static IntentModel parse(byte[] modelFile) throws IOException {
        Path tmp = Files.createTempFile("kefu-model", ".kefumodel");
        try {
            Files.write(tmp, modelFile);
            return IntentModel.load(tmp);
        } catch (RuntimeException e) {
            throw new IOException("not a kefu intent model: " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}

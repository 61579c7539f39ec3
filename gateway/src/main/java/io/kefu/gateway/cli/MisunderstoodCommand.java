package io.kefu.gateway.cli;

import io.kefu.handlers.redis.EmbeddedRedisServer;
import io.kefu.handlers.redis.RedisConnector;
import io.kefu.handlers.redis.RedisKeys;
import java.io.BufferedWriter;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.resps.StreamEntry;

/**
 * {@code ./kefu misunderstood export}: the utterances the bot fell back on, as a TSV for trainers.
 * Each row has an empty label to fill in (train refuses an empty label, naming the line, so nothing
 * unlabelled slips into a model), preceded by a comment with what the model guessed.
 */
public final class MisunderstoodCommand implements CliCommand {
    @Override
    public String name() {
        return "misunderstood";
    }

    @Override
    public String summary() {
        return "export the utterances the bot did not understand, as a TSV to label and train on";
    }

    @Override
    public String usage() {
        return """
                usage: ./kefu misunderstood export --out FILE [--redis-url URL | --data-dir DIR] [--store ID] [--count N]

                  --out FILE       TSV to write: '# predicted=… confidence=…' comment, then '<TAB>text' to label
                  --redis-url URL  kefu's Redis (env KEFU_REDIS_URL); otherwise the embedded Redis of --data-dir
                  --data-dir DIR   default ./data (env KEFU_DATA_DIR); works whether or not kefu is running
                  --store ID       only this store's utterances
                  --count N        at most N most recent (default 10000)""";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        CliArgs a = CliArgs.parse(args, Set.of("out", "redis-url", "data-dir", "store", "count"), Set.of());
        if (a.positional().size() != 1 || !a.positional().get(0).equals("export")) {
            throw new CliArgs.UsageException("the action is 'export'");
        }
        Path outFile = Path.of(a.value("out").orElseThrow(() -> new CliArgs.UsageException("--out FILE is required")));
        int count = a.intValue("count", 10_000, 1, 1_000_000);
        String url = a.value("redis-url").orElse(System.getenv("KEFU_REDIS_URL"));
        Path dataDir = Path.of(a.value("data-dir").orElse(System.getenv().getOrDefault("KEFU_DATA_DIR", "./data")));
        EmbeddedRedisServer started = null;
        if (url == null || url.isBlank()) {
            url = EmbeddedRedisServer.runningIn(dataDir.resolve("redis")).orElse(null);
            if (url == null) {
                // kefu is not running: read its AOF with a Redis of our own, for the duration of the export.
                started = EmbeddedRedisServer.start(dataDir.resolve("redis"));
                url = started.url();
            }
        }
        try (UnifiedJedis redis = RedisConnector.connect(url, 2)) {
            int n = export(redis, outFile, a.value("store").orElse(null), count);
            out.println("wrote " + n + " utterances to " + outFile + " — fill in the label column, then ./kefu train --data "
                    + "nlp-models/data/ecommerce/train.tsv " + outFile + " --out model.kefumodel");
            return 0;
        } finally {
            if (started != null) {
                started.close();
            }
        }
    }

    static int export(UnifiedJedis redis, Path outFile, String store, int count) throws Exception {
        List<StreamEntry> entries = redis.xrevrange(RedisKeys.misunderstood(), (StreamEntryID) null, (StreamEntryID) null, count);
        Set<String> seen = new HashSet<>();
        int n = 0;
        try (BufferedWriter w = Files.newBufferedWriter(outFile, StandardCharsets.UTF_8)) {
            w.write("label\ttext\n");
            w.write("# kefu misunderstood export, " + Instant.now() + ". Put an intent name in the empty label column of each row,\n");
            w.write("# delete rows you do not want, and pass this file to ./kefu train next to the main training data.\n");
            for (StreamEntry e : entries) {
                Map<String, String> f = e.getFields();
                if (store != null && !store.equals(f.get("store"))) {
                    continue;
                }
                String text = f.getOrDefault("text", "").replaceAll("[\\t\\r\\n]+", " ").strip();
                if (text.isEmpty() || !seen.add(text)) {
                    continue;
                }
                w.write("# predicted=" + f.get("prediction") + " confidence=" + f.get("confidence") + " store=" + f.get("store")
                        + " conversation=" + f.get("conversation") + " model=" + f.get("model") + "\n");
                w.write("\t" + text + "\n");
                n++;
            }
        }
        return n;
    }
}

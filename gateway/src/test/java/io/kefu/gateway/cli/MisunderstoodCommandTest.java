package io.kefu.gateway.cli;

import static io.kefu.gateway.NodeFixture.T;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kefu.gateway.KefuNode;
import io.kefu.gateway.openchannel.client.OpenChannelClient;
import io.kefu.handlers.testing.FixedClassifier;
import io.kefu.handlers.testing.RedisExtension;
import io.kefu.nlp.data.DataFormatException;
import io.kefu.nlp.data.Example;
import io.kefu.nlp.data.TsvReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Fallback utterances land in the misunderstood stream and come out as a TSV a trainer labels and trains on. */
class MisunderstoodCommandTest {
    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    @TempDir
    Path dir;

    @Test
    void exportsFallbacksOncePerTextWithAnEmptyLabelToFillIn() throws Exception {
        try (KefuNode node = KefuNode.start(KefuNode.Options.demo().port(0).host("127.0.0.1").redisUrl(redis.url()).dataDir(dir)
                .classifier(new FixedClassifier(Map.of("在吗", "greeting"))));
             OpenChannelClient buyer = OpenChannelClient.connect(OpenChannelClient.uri("127.0.0.1", node.port(), "demo"), "demo-token", T)) {
            buyer.auth("b-mis", T);
            buyer.send("m1", "在吗").get();
            buyer.ackReply(buyer.nextReply(T).getId());
            buyer.send("m2", "那个东西咋还没动静\t呢").get();
            buyer.ackReply(buyer.nextReply(T).getId());
            buyer.send("m3", "那个东西咋还没动静\t呢").get(); // same text again: exported once
            buyer.ackReply(buyer.nextReply(T).getId());
        }
        Path out = dir.resolve("mis.tsv");
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        int code = new KefuCli().run(List.of("misunderstood", "export", "--redis-url", redis.url(), "--out", out.toString()),
                new PrintStream(stdout, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));
        assertEquals(0, code);
        assertTrue(stdout.toString(StandardCharsets.UTF_8).contains("wrote 1 utterances"), stdout.toString(StandardCharsets.UTF_8));
        String tsv = Files.readString(out);
        assertTrue(tsv.contains("# predicted=out_of_scope confidence=0.1200 store=demo-store conversation=open:demo:b-mis"), tsv);
        assertTrue(tsv.contains("\n\t那个东西咋还没动静 呢\n"), "tabs inside the text are flattened: " + tsv);

        // Unlabelled, train refuses it and names the line; labelled, it reads as training data.
        assertThrows(DataFormatException.class, () -> TsvReader.read(new StringReader(tsv), out));
        List<Example> labelled = TsvReader.read(new StringReader(tsv.replace("\n\t", "\nlogistics_tracking\t")), out);
        assertEquals(List.of("logistics_tracking"), labelled.stream().map(Example::label).toList());
    }

    @Test
    void exportNeedsAnOutputFile() {
        assertThrows(CliArgs.UsageException.class, () -> new MisunderstoodCommand().run(List.of("export"), System.out, System.err));
    }
}

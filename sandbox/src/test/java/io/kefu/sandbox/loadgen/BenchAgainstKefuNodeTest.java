package io.kefu.sandbox.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kefu.gateway.KefuNode;
import io.kefu.handlers.testing.TestModels;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The load generator end to end against a real node: demo store, embedded Redis, open channel. */
class BenchAgainstKefuNodeTest {

    @Test
    void everyMessageGetsExactlyOneReply(@TempDir Path data) throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        BenchResult r;
        try (KefuNode node = KefuNode.start(KefuNode.Options.demo().port(0).dataDir(data).classifier(TestModels.fast()))) {
            BenchOptions options = BenchOptions.parse(List.of("--url", "ws://127.0.0.1:" + node.port(),
                    "--connections", "5", "--rate", "50", "--duration", "3", "--warmup", "0", "--grace", "15"));
            r = new LoadGenerator(options, new PrintStream(log, true, StandardCharsets.UTF_8)).run();
        }
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        r.printTo(new PrintStream(report, true, StandardCharsets.UTF_8));
        String figures = report.toString(StandardCharsets.UTF_8) + log.toString(StandardCharsets.UTF_8);

        assertEquals(150, r.sent(), figures);           // open loop: 50 msg/s × 3 s exactly
        assertEquals(r.sent(), r.acked(), figures);
        assertEquals(r.sent(), r.replied(), figures);
        assertEquals(0, r.lost(), figures);
        assertEquals(0, r.duplicated(), figures);
        assertEquals(0, r.errors(), figures);
        assertEquals(150, r.latencySamples(), figures);
        assertTrue(r.p50Ms() > 0 && r.p50Ms() <= r.p99Ms() && r.p99Ms() <= r.maxMs(), figures);
        assertTrue(r.passed(), figures);
    }
}

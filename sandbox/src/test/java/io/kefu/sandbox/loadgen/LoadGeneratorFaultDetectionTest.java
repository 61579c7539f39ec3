package io.kefu.sandbox.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kefu.sandbox.testing.FakeOpenChannelServer;
import io.kefu.sandbox.testing.FakeOpenChannelServer.Faults;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bench's verdict is only worth something if it fails when the server is wrong. These
 * runs use a fake open channel that drops, doubles or cuts on purpose.
 */
class LoadGeneratorFaultDetectionTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int bench(FakeOpenChannelServer server, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("--url", "ws://127.0.0.1:" + server.port(),
                "--connections", "4", "--rate", "100", "--duration", "1", "--warmup", "0", "--grace", "2"));
        args.addAll(List.of(extra));
        return new BenchCommand().run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void correctServerPassesAndJsonHoldsTheFigures(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("bench.json");
        try (FakeOpenChannelServer server = new FakeOpenChannelServer(Faults.none())) {
            assertEquals(0, bench(server, "--json", json.toString()), stdout() + err);
            assertEquals(100, server.messagesReceived(), "open loop: 100 msg/s for 1 s whatever the server does");
        }
        assertTrue(stdout().contains("sent 100  acked 100  replied 100  lost 0  duplicated 0  errors 0"), stdout());
        String figures = Files.readString(json);
        assertTrue(figures.contains("\"sent\": 100"), figures);
        assertTrue(figures.contains("\"lost\": 0"), figures);
        assertTrue(figures.contains("\"passed\": true"), figures);
        assertTrue(figures.matches("(?s).*\"p99\": \\d+\\.\\d{3}.*"), figures);
    }

    @Test
    void droppedRepliesAreCountedAsLostAndFailTheRun() throws Exception {
        try (FakeOpenChannelServer server = new FakeOpenChannelServer(new Faults(10, 0, 0))) {
            assertEquals(1, bench(server));
        }
        assertTrue(stdout().contains("replied 90  lost 10  duplicated 0"), stdout());
        assertTrue(stdout().contains("FAIL"), stdout());
    }

    @Test
    void aSecondReplyToOneMessageIsCountedAsDuplicated() throws Exception {
        try (FakeOpenChannelServer server = new FakeOpenChannelServer(new Faults(0, 25, 0))) {
            assertEquals(1, bench(server));
        }
        assertTrue(stdout().contains("replied 100  lost 0  duplicated 4"), stdout());
    }

    @Test
    void aCutConnectionIsResumedAndTheUnackedMessageResentUnderItsOwnId() throws Exception {
        try (FakeOpenChannelServer server = new FakeOpenChannelServer(new Faults(0, 0, 30))) {
            assertEquals(0, bench(server), stdout() + err);
        }
        assertTrue(stdout().contains("sent 100  acked 100  replied 100  lost 0  duplicated 0"), stdout());
        assertTrue(stdout().contains("reconnects 1"), stdout());
    }

    @Test
    void wrongTokenFailsFastWithTheHttpStatus() throws Exception {
        try (FakeOpenChannelServer server = new FakeOpenChannelServer(Faults.none())) {
            assertEquals(1, bench(server, "--token", "wrong"));
            assertEquals(0, server.messagesReceived());
        }
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("401"), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void badCommandLineIsAUsageError() throws Exception {
        assertEquals(2, new BenchCommand().run(List.of("--rate", "fast"), new PrintStream(out), new PrintStream(err)));
        assertTrue(err.toString().contains("--rate must be a positive number"), err.toString());
        assertEquals(2, new BenchCommand().run(List.of("--texts", "fr"), new PrintStream(out), new PrintStream(err)));
        assertEquals(2, new BenchCommand().run(List.of("--bogus", "1"), new PrintStream(out), new PrintStream(err)));
        assertEquals(0, new BenchCommand().run(List.of("--help"), new PrintStream(out), new PrintStream(err)));
        assertTrue(stdout().contains("Usage: ./kefu bench"), stdout());
    }
}

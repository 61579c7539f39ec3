package io.kefu.gateway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kefu.gateway.KefuNode;
import io.kefu.gateway.NodeFixture;
import io.kefu.handlers.testing.RedisExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class SayCommandTest {
    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    @TempDir
    Path dataDir;

    @Test
    void printsTheBotsReplyAndExitsZero() throws Exception {
        try (KefuNode node = NodeFixture.start(redis, dataDir)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = new KefuCli().run(List.of("say", "--port", Integer.toString(node.port()), "--channel", "demo", "在吗"),
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
            assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
            String reply = out.toString(StandardCharsets.UTF_8).trim();
            assertFalse(reply.isEmpty());
            assertTrue(reply.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN), reply);
        }
    }

    @Test
    void exitsNonZeroWhenNothingAnswers() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new KefuCli().run(List.of("say", "--port", Integer.toString(closedPort), "--timeout", "2", "hello"),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(1, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("nothing is listening"), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void wrongTokenIsReportedWithTheServersReason() throws Exception {
        try (KefuNode node = NodeFixture.start(redis, dataDir)) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = new KefuCli().run(List.of("say", "--port", Integer.toString(node.port()), "--token", "nope-nope", "hi"),
                    new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
            assertEquals(1, code);
            assertTrue(err.toString(StandardCharsets.UTF_8).contains("wrong token"), err.toString(StandardCharsets.UTF_8));
        }
    }
}

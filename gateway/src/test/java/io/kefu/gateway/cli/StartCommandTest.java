package io.kefu.gateway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) throws Exception {
        return new StartCommand(env).run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void unreachableRedisIsOneClearErrorAndExitCode3() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        int code = run(Map.of(), "--demo", "--port", "0", "--data-dir", dir.toString(), "--redis-url", "redis://127.0.0.1:" + closedPort);
        assertEquals(3, code);
        assertTrue(err().contains("Redis at redis://127.0.0.1:" + closedPort + " is unreachable"), err());
        assertEquals(1, err().lines().count(), "one line, not a stack trace: " + err());
    }

    @Test
    void badConfigNamesTheKeyAndExitsWith2() throws Exception {
        Path cfg = dir.resolve("kefu.yaml");
        Files.writeString(cfg, """
                stores:
                  - id: shop
                    channels:
                      - id: web
                        platform: open
                        token: short
                """);
        assertEquals(2, run(Map.of(), "--config", cfg.toString()));
        assertTrue(err().contains("stores[0].channels[0].token"), err());
    }

    @Test
    void aBadSectionFoundWhileStartingIsAConfigErrorToo() throws Exception {
        Path cfg = dir.resolve("kefu.yaml");
        Files.writeString(cfg, """
                admin:
                  token: short
                stores:
                  - id: shop
                    channels:
                      - {id: web, platform: open, token: web-token-123}
                """);
        try (var redis = io.kefu.handlers.redis.EmbeddedRedisServer.start(dir.resolve("redis"))) {
            assertEquals(2, run(Map.of(), "--config", cfg.toString(), "--port", "0", "--redis-url", redis.url(),
                    "--data-dir", dir.toString()));
        }
        assertTrue(err().contains("admin.token"), err());
    }

    @Test
    void badPortFromTheEnvironmentNamesTheVariable() throws Exception {
        assertEquals(2, run(Map.of("KEFU_HTTP_PORT", "eighty"), "--demo"));
        assertTrue(err().contains("KEFU_HTTP_PORT"), err());
    }

    @Test
    void withoutConfigOrDemoItSaysWhatToDo() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(CliArgs.UsageException.class, () -> run(Map.of()));
        assertTrue(e.getMessage().contains("--demo"));
    }

    @Test
    void cliHelpListsEveryCommandAndEachHasUsage() {
        KefuCli cli = new KefuCli();
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        assertEquals(0, cli.run(List.of("--help"), new PrintStream(o), new PrintStream(err)));
        String help = o.toString(StandardCharsets.UTF_8);
        for (String c : List.of("start", "say", "version")) {
            assertTrue(help.contains("  " + c + " "), help);
            ByteArrayOutputStream u = new ByteArrayOutputStream();
            assertEquals(0, cli.run(List.of(c, "--help"), new PrintStream(u), new PrintStream(err)));
            assertTrue(u.toString(StandardCharsets.UTF_8).startsWith("usage: ./kefu " + c));
        }
        assertEquals(2, cli.run(List.of("nope"), new PrintStream(o), new PrintStream(err)));
        assertEquals(2, cli.run(List.of("say", "--bogus", "x"), new PrintStream(o), new PrintStream(err)));
        assertTrue(err().contains("unknown option --bogus"), err());
    }
}

package io.kefu.sandbox.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.ServiceLoader;
import io.kefu.gateway.cli.CliCommand;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    @Test
    void defaultsMatchTheUsageText() {
        BenchOptions o = BenchOptions.parse(List.of());
        assertEquals("ws://127.0.0.1:8080/channel/open/demo?token=demo-token", o.channelUri().toString());
        assertEquals(50, o.connections());
        assertEquals(200.0, o.rate());
        assertEquals(Duration.ofSeconds(30), o.duration());
        assertEquals(Duration.ofSeconds(5), o.warmup());
    }

    @Test
    void parsesBothSpellingsAndEncodesTheToken() {
        BenchOptions o = BenchOptions.parse(List.of("--url=ws://10.0.0.2:9000", "--channel", "web shop",
                "--token", "a+b&c", "--connections", "5", "--rate=12.5", "--duration", "0.5", "--warmup", "0", "--texts", "zh"));
        assertEquals("ws://10.0.0.2:9000/channel/open/web%20shop?token=a%2Bb%26c", o.channelUri().toString());
        assertEquals(12.5, o.rate());
        assertEquals(Duration.ofMillis(500), o.duration());
        assertEquals(Duration.ZERO, o.warmup());
    }

    @Test
    void rejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(List.of("--connections", "0")));
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(List.of("--duration", "0")));
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(List.of("--url", "http://x:1")));
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(List.of("--rate")));
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(List.of("stray")));
    }

    @Test
    void benchIsRegisteredForTheKefuCli() {
        assertEquals(1, ServiceLoader.load(CliCommand.class).stream()
                .filter(p -> p.get().name().equals("bench")).count());
    }
}

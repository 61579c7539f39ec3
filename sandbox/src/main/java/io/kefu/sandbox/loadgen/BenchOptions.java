package io.kefu.sandbox.loadgen;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The parsed command line of {@code ./kefu bench}; every field has the documented default. */
public record BenchOptions(
        String url,
        String channel,
        String token,
        int connections,
        double rate,
        Duration duration,
        Duration warmup,
        Duration grace,
        String texts,
        Path json) {

    public static final String USAGE = """
            Usage: ./kefu bench [options]

            Open-loop load test of the open channel (PLATFORMS.md §7): N buyer connections send
            messages on a fixed schedule (so latency includes any queueing at the server), ack
            every reply, and check that every message gets exactly one reply.

            Options:
              --url URL           server base URL            (default ws://127.0.0.1:8080)
              --channel ID        open channel id            (default demo)
              --token TOKEN       channel token              (default demo-token)
              --connections N     buyer connections          (default 50)
              --rate R            total messages per second, spread over all connections (default 200)
              --duration S        measured seconds           (default 30)
              --warmup S          seconds sent before measuring; replies checked, latency not recorded (default 5)
              --grace S           seconds to wait for outstanding replies after sending stops (default 10)
              --texts SET         buyer texts: zh, en, mixed (default) or no-erp (answered without an ERP call)
              --json FILE         also write the figures to FILE as JSON
              --help              this text

            Latency = time from a message's scheduled send to the reply whose inReplyTo is its id.
            Exit code: 0 when every message got exactly one reply, 1 when any was lost or duplicated
            (or the run failed), 2 on a usage error.
            """;

    public static BenchOptions defaults() {
        return new BenchOptions("ws://127.0.0.1:8080", "demo", "demo-token", 50, 200,
                Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(10), "mixed", null);
    }

    /** @throws IllegalArgumentException with a message fit for the user on a bad command line */
    public static BenchOptions parse(List<String> args) {
        BenchOptions d = defaults();
        String url = d.url, channel = d.channel, token = d.token, texts = d.texts;
        int connections = d.connections;
        double rate = d.rate;
        Duration duration = d.duration, warmup = d.warmup, grace = d.grace;
        Path json = d.json;
        for (int i = 0; i < args.size(); i++) {
            String name = args.get(i);
            String value;
            int eq = name.indexOf('=');
            if (name.startsWith("--") && eq > 0) {       // --rate=100 as well as --rate 100
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (!name.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument: " + name);
            } else if (i + 1 >= args.size()) {
                throw new IllegalArgumentException("missing value for " + name);
            } else {
                value = args.get(++i);
            }
            switch (name) {
                case "--url" -> url = value;
                case "--channel" -> channel = value;
                case "--token" -> token = value;
                case "--connections" -> connections = positiveInt(name, value);
                case "--rate" -> rate = positiveDouble(name, value);
                case "--duration" -> duration = seconds(name, value, false);
                case "--warmup" -> warmup = seconds(name, value, true);
                case "--grace" -> grace = seconds(name, value, true);
                case "--texts" -> texts = value;
                case "--json" -> json = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option: " + name);
            }
        }
        BenchOptions o = new BenchOptions(url, channel, token, connections, rate, duration, warmup, grace, texts, json);
        BuyerTexts.of(o.texts); // validates
        o.channelUri();          // validates
        return o;
    }

    /** {@code ws://host:port/channel/open/{channel}?token=...} */
    public URI channelUri() {
        URI base;
        try {
            base = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--url is not a URL: " + url);
        }
        if (!"ws".equals(base.getScheme()) || base.getHost() == null) {
            throw new IllegalArgumentException("--url must look like ws://HOST:PORT (wss is not supported by the bench): " + url);
        }
        int port = base.getPort() == -1 ? 80 : base.getPort();
        return URI.create("ws://" + base.getHost() + ":" + port + "/channel/open/" + encode(channel)
                + "?token=" + encode(token));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static int positiveInt(String name, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a positive integer, not " + value);
    }

    private static double positiveDouble(String name, String value) {
        try {
            double d = Double.parseDouble(value);
            if (d > 0 && Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a positive number, not " + value);
    }

    private static Duration seconds(String name, String value, boolean zeroAllowed) {
        try {
            double s = Double.parseDouble(value);
            if ((s > 0 || (zeroAllowed && s == 0)) && Double.isFinite(s)) {
                return Duration.ofMillis(Math.round(s * 1000));
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a " + (zeroAllowed ? "non-negative" : "positive")
                + " number of seconds, not " + value);
    }
}

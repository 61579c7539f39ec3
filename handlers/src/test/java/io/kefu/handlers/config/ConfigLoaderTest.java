package io.kefu.handlers.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kefu.proto.v1.Platform;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigLoaderTest {

    private static final String VALID = """
            server:
              port: 9090
            redis:
              url: redis://127.0.0.1:6390
            data_dir: /var/lib/kefu
            nlu:
              model: default
              threshold: 0.4
              margin: 0.05
            handoff:
              fallbacks_before_handoff: 3
            stores:
              - id: demo
                name: Demo Store
                language: en
                channels:
                  - id: web
                    platform: open
                    token: secret-token-1
                    name: Web chat
              - id: shop2
                channels:
                  - id: web2
                    platform: OPEN
                    token: "12345678"
            """;

    private static KefuConfig parse(String yaml) {
        return ConfigLoader.parse("kefu.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    /** Minimal valid document with one line replaced/added, so each bad case differs in one place only. */
    private static String minimalWith(String extraTopLevel, String channelLines) {
        return extraTopLevel + """

                stores:
                  - id: demo
                    channels:
                      - id: web
                """ + channelLines;
    }

    private static final String GOOD_CHANNEL = """
                    platform: open
                    token: secret-token
            """;

    @Test
    void readsEveryValue() {
        KefuConfig c = parse(VALID);
        assertEquals(9090, c.httpPort());
        assertEquals(Optional.of("redis://127.0.0.1:6390"), c.redisUrl());
        assertEquals(Path.of("/var/lib/kefu"), c.dataDir());
        assertEquals(new NluConfig("default", 0.4, 0.05), c.nlu());
        assertEquals(3, c.handoff().fallbacksBeforeHandoff());
        assertEquals(2, c.stores().size());
        StoreConfig demo = c.stores().get(0);
        assertEquals("Demo Store", demo.name());
        assertEquals("en", demo.language());
        assertEquals(new ChannelConfig("web", Platform.OPEN, "secret-token-1", "Web chat"), demo.channels().get(0));
        // platform is case-insensitive; a quoted numeric token is a string
        assertEquals(Platform.OPEN, c.stores().get(1).channels().get(0).platform());
        assertEquals("12345678", c.stores().get(1).channels().get(0).token());
        assertEquals("shop2", c.storeOfChannel("web2").orElseThrow().id());
        assertEquals("web", c.channel("web").orElseThrow().id());
        assertTrue(c.channel("nope").isEmpty());
    }

    @Test
    void appliesDefaultsForOptionalKeys() {
        KefuConfig c = parse(minimalWith("", GOOD_CHANNEL));
        assertEquals(8080, c.httpPort());
        assertEquals(Optional.empty(), c.redisUrl(), "no redis.url means: start the embedded Redis");
        assertEquals(Path.of("./data"), c.dataDir());
        assertEquals("default", c.nlu().model());
        assertNull(c.nlu().threshold());
        assertNull(c.nlu().margin());
        assertEquals(2, c.handoff().fallbacksBeforeHandoff());
        StoreConfig s = c.stores().get(0);
        assertEquals("demo", s.name(), "store name defaults to its id");
        assertEquals("zh", s.language());
        assertEquals("web", s.channels().get(0).name(), "channel name defaults to its id");
    }

    @Test
    void blankRedisUrlMeansEmbedded() {
        assertEquals(Optional.empty(), parse(minimalWith("redis:\n  url: \"  \"", GOOD_CHANNEL)).redisUrl());
    }

    @Test
    void resultIsImmutable() {
        KefuConfig c = parse(VALID);
        assertThrows(UnsupportedOperationException.class, () -> c.stores().clear());
        assertThrows(UnsupportedOperationException.class, () -> c.stores().get(0).channels().clear());
        // the with-ers copy instead of mutating
        KefuConfig moved = c.withHttpPort(1234);
        assertEquals(9090, c.httpPort());
        assertEquals(1234, moved.httpPort());
    }

    static Stream<Arguments> badConfigs() {
        return Stream.of(
                Arguments.of("typo at the top level", minimalWith("sever:\n  port: 1", GOOD_CHANNEL), "sever", "unknown key"),
                Arguments.of("typo inside server", minimalWith("server:\n  prot: 1", GOOD_CHANNEL), "server.prot", "unknown key"),
                Arguments.of("typo inside a channel", minimalWith("", GOOD_CHANNEL + "        tokn: x\n"),
                        "stores[0].channels[0].tokn", "unknown key"),
                Arguments.of("port too large", minimalWith("server:\n  port: 70000", GOOD_CHANNEL), "server.port", "between 0 and 65535"),
                Arguments.of("port negative", minimalWith("server:\n  port: -1", GOOD_CHANNEL), "server.port", "between 0 and 65535"),
                Arguments.of("port not a number", minimalWith("server:\n  port: eighty", GOOD_CHANNEL), "server.port", "integer"),
                Arguments.of("port fractional", minimalWith("server:\n  port: 80.5", GOOD_CHANNEL), "server.port", "integer"),
                Arguments.of("threshold above 1", minimalWith("nlu:\n  threshold: 1.5", GOOD_CHANNEL), "nlu.threshold", "between 0 and 1"),
                Arguments.of("threshold below 0", minimalWith("nlu:\n  threshold: -0.1", GOOD_CHANNEL), "nlu.threshold", "between 0 and 1"),
                Arguments.of("threshold a word", minimalWith("nlu:\n  threshold: high", GOOD_CHANNEL), "nlu.threshold", "between 0 and 1"),
                Arguments.of("margin above 1", minimalWith("nlu:\n  margin: 2", GOOD_CHANNEL), "nlu.margin", "between 0 and 1"),
                Arguments.of("zero fallbacks", minimalWith("handoff:\n  fallbacks_before_handoff: 0", GOOD_CHANNEL),
                        "handoff.fallbacks_before_handoff", "between 1 and 100"),
                Arguments.of("redis url scheme", minimalWith("redis:\n  url: http://x:6379", GOOD_CHANNEL), "redis.url", "redis://"),
                Arguments.of("server not a mapping", minimalWith("server: 8080", GOOD_CHANNEL), "server", "mapping"),
                Arguments.of("open channel without token", minimalWith("", "        platform: open\n"),
                        "stores[0].channels[0].token", "at least 8"),
                Arguments.of("open channel with short token", minimalWith("", "        platform: open\n        token: short\n"),
                        "stores[0].channels[0].token", "at least 8"),
                Arguments.of("token padded to 8 with spaces", minimalWith("", "        platform: open\n        token: \"  abc   \"\n"),
                        "stores[0].channels[0].token", "at least 8"),
                Arguments.of("missing platform", minimalWith("", "        token: secret-token\n"),
                        "stores[0].channels[0].platform", "required"),
                Arguments.of("unknown platform", minimalWith("", "        platform: telegram\n        token: secret-token\n"),
                        "stores[0].channels[0].platform", "unknown platform"),
                Arguments.of("token not a string", minimalWith("", "        platform: open\n        token: [a, b]\n"),
                        "stores[0].channels[0].token", "string"),
                Arguments.of("no stores", "server:\n  port: 1\n", "stores", "non-empty"),
                Arguments.of("empty stores", "stores: []\n", "stores", "non-empty"),
                Arguments.of("store without channels", "stores:\n  - id: demo\n", "stores[0].channels", "non-empty"),
                Arguments.of("store without id", "stores:\n  - channels:\n      - id: web\n        platform: open\n        token: secret-token\n",
                        "stores[0].id", "required"),
                Arguments.of("store id with a space", "stores:\n  - id: my shop\n    channels:\n      - id: web\n        platform: open\n        token: secret-token\n",
                        "stores[0].id", "'my shop'"),
                Arguments.of("store language", "stores:\n  - id: a\n    language: fr\n    channels:\n      - id: web\n        platform: open\n        token: secret-token\n",
                        "stores[0].language", "zh or en"),
                Arguments.of("duplicate store id", """
                        stores:
                          - id: a
                            channels: [{id: c1, platform: open, token: secret-token}]
                          - id: a
                            channels: [{id: c2, platform: open, token: secret-token}]
                        """, "stores[1].id", "duplicate store id 'a'"),
                Arguments.of("duplicate channel id across stores", """
                        stores:
                          - id: a
                            channels: [{id: web, platform: open, token: secret-token}]
                          - id: b
                            channels: [{id: web, platform: open, token: secret-token}]
                        """, "stores[1].channels[0].id", "duplicate channel id 'web'"),
                Arguments.of("duplicate channel id in one store", """
                        stores:
                          - id: a
                            channels:
                              - {id: web, platform: open, token: secret-token}
                              - {id: web, platform: open, token: secret-token}
                        """, "stores[0].channels[1].id", "duplicate channel id"),
                Arguments.of("root is a list", "- a\n- b\n", "(root)", "mapping"),
                Arguments.of("YAML syntax error", "stores:\n  - id: [demo\n    channels: {\n", "(syntax)", "not valid YAML"),
                Arguments.of("empty file", "", "(root)", "empty"),
                Arguments.of("only comments", "# nothing here\n\n", "(root)", "empty"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badConfigs")
    void badConfigNamesTheKey(String why, String yaml, String key, String problem) {
        ConfigException e = assertThrows(ConfigException.class, () -> parse(yaml));
        assertEquals(key, e.key(), e.getMessage());
        assertTrue(e.getMessage().startsWith("kefu.yaml: " + key + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }

    @Test
    void syntaxErrorGivesTheLine() {
        ConfigException e = assertThrows(ConfigException.class, () -> parse("stores:\n  - id: demo\n  bad: [unclosed\n"));
        assertTrue(e.getMessage().matches("(?s).*at line \\d+.*"), e.getMessage());
    }

    @Test
    void unknownKeyListsWhatIsAllowed() {
        ConfigException e = assertThrows(ConfigException.class, () -> parse(minimalWith("nlu:\n  treshold: 0.5", GOOD_CHANNEL)));
        assertTrue(e.getMessage().contains("allowed here: margin, model, threshold"), e.getMessage());
    }

    @Test
    void loadsFromFileAndNamesTheFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("kefu.yaml");
        Files.writeString(f, VALID);
        assertEquals(9090, ConfigLoader.load(f).httpPort());

        Files.writeString(f, minimalWith("server:\n  port: 99999", GOOD_CHANNEL));
        ConfigException bad = assertThrows(ConfigException.class, () -> ConfigLoader.load(f));
        assertTrue(bad.getMessage().startsWith(f + ": server.port: "), bad.getMessage());

        ConfigException missing = assertThrows(ConfigException.class, () -> ConfigLoader.load(dir.resolve("absent.yaml")));
        assertEquals("(file)", missing.key());
        assertTrue(missing.getMessage().contains("absent.yaml"), missing.getMessage());
    }
}

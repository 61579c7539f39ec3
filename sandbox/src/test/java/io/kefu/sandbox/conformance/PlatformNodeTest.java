package io.kefu.sandbox.conformance;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kefu.gateway.KefuNode;
import io.kefu.handlers.config.ConfigLoader;
import io.kefu.handlers.config.KefuConfig;
import io.kefu.handlers.testing.RedisExtension;
import io.kefu.handlers.testing.TestModels;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real kefu node serving one channel on a platform's simulator, with a real Redis: started by
 * {@link #start}, both closed after each test. The shared suite and each platform's own tests use it.
 */
abstract class PlatformNodeTest<D extends PlatformDriver> {
    static final Duration T = Duration.ofSeconds(30);

    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    @TempDir
    Path dataDir;

    D platform;
    KefuNode node;

    /** Starts the simulator, then kefu on it, and waits until the platform sees kefu connected. */
    void start(D driver) {
        platform = driver;
        platform.start();
        node = startNode(platform);
        platform.nodeStarted(node);
        await().atMost(T).until(platform::connected);
    }

    KefuNode startNode(PlatformDriver p) {
        return startNode(p, dataDir, redis);
    }

    static KefuNode startNode(PlatformDriver p, Path dataDir, RedisExtension redis) {
        String yaml = """
                server:
                  port: 0
                stores:
                  - id: conformance-store
                    name: Conformance
                    language: zh
                    channels:
                """ + p.channelYaml();
        KefuConfig config = ConfigLoader.parse("conformance", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
        return KefuNode.start(KefuNode.Options.of(config).port(0).host("127.0.0.1").redisUrl(redis.url()).dataDir(dataDir)
                .classifier(TestModels.fast()));
    }

    /** What kefu fails to start with on {@code driver}'s platform (e.g. refused credentials); the simulator is closed after. */
    Exception startFails(D driver) throws Exception {
        driver.start();
        try {
            return assertThrows(Exception.class, () -> startNode(driver, dataDir, redis));
        } finally {
            driver.close();
        }
    }

    @AfterEach
    void stop() throws Exception {
        if (node != null) {
            node.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    long metric(String name, String... labels) {
        return Metrics.value(node, name, platform.channelId(), labels);
    }
}

package io.kefu.handlers.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kefu.handlers.plugin.testkit.PluginTestKit;
import io.kefu.handlers.testing.RedisExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Reload and unload at run time: turns in flight finish on the old generation, no turn fails. */
class PluginReloadTest {
    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    static final AtomicInteger generation = new AtomicInteger();
    static final AtomicInteger stopped = new AtomicInteger();
    static volatile CountDownLatch hold = new CountDownLatch(0);
    static final CountDownLatch held = new CountDownLatch(1);

    /** Every instance is a new "version"; "hold" parks the handler until the test releases it. */
    static final class VersionedPlugin implements KefuPlugin {
        private final int v = generation.incrementAndGet();

        @Override
        public String id() {
            return "versioned";
        }

        @Override
        public String version() {
            return Integer.toString(v);
        }

        @Override
        public void start(PluginContext ctx) {
            ctx.onIntent("membership", turn -> {
                if (turn.text().equals("hold")) {
                    held.countDown();
                    hold.await();
                }
                turn.reply("v" + v);
            });
        }

        @Override
        public void stop() {
            stopped.incrementAndGet();
        }
    }

    @Test
    void reloadUnderTrafficLosesNothingAndInFlightTurnsFinishFirst() throws Exception {
        try (PluginTestKit kit = PluginTestKit.builder().redis(redis.client()).plugin(VersionedPlugin::new)
                .intents(Map.of("会员", "membership", "hold", "membership")).store("shop", Map.of())
                .budget(Duration.ofSeconds(60)).build()) {
            // 1. A turn parked inside generation 1 while a reload happens.
            hold = new CountDownLatch(1);
            CompletableFuture<PluginTestKit.Said> parked = CompletableFuture.supplyAsync(() -> call(kit, "parked", "hold"));
            assertTrue(held.await(20, TimeUnit.SECONDS));
            int stoppedBefore = stopped.get();
            CompletableFuture<Void> reload = CompletableFuture.runAsync(() -> {
                try {
                    kit.host().reload("versioned");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Awaitility.await().atMost(Duration.ofSeconds(20))
                    .until(() -> kit.host().status("versioned").orElseThrow().version().equals("2"));
            // The new generation already serves new turns while the old one still has a turn inside...
            assertEquals(List.of("v2"), kit.say("shop", "fresh", "会员").texts());
            assertFalse(reload.isDone());
            assertEquals(stoppedBefore, stopped.get());
            // ...and is stopped only once that turn finished — on the version it started with.
            hold.countDown();
            assertEquals(List.of("v1"), parked.get(20, TimeUnit.SECONDS).texts());
            reload.get(20, TimeUnit.SECONDS);
            assertEquals(stoppedBefore + 1, stopped.get());

            // 2. Traffic from four buyers while the plugin is reloaded repeatedly: every message answered by some version.
            AtomicBoolean running = new AtomicBoolean(true);
            ConcurrentLinkedQueue<String> bad = new ConcurrentLinkedQueue<>();
            AtomicInteger answered = new AtomicInteger();
            List<CompletableFuture<Void>> buyers = new java.util.ArrayList<>();
            for (int b = 0; b < 4; b++) {
                String buyer = "traffic-" + b;
                buyers.add(CompletableFuture.runAsync(() -> {
                    while (running.get()) {
                        PluginTestKit.Said s = call(kit, buyer, "会员");
                        if (s.failed() || s.texts().size() != 1 || !s.text().matches("v\\d+")) {
                            bad.add(s.texts().toString());
                        }
                        answered.incrementAndGet();
                    }
                }));
            }
            for (int i = 0; i < 5; i++) {
                int target = answered.get() + 4;
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> answered.get() >= target);
                kit.host().reload("versioned");
            }
            int target = answered.get() + 4;
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> answered.get() >= target);
            running.set(false);
            CompletableFuture.allOf(buyers.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            assertTrue(bad.isEmpty(), "failed or odd answers: " + bad);
            assertEquals("7", kit.host().status("versioned").orElseThrow().version());

            // 3. Unload: the bot answers by itself again; the last generation was stopped.
            kit.host().unload("versioned");
            assertFalse(kit.say("shop", "after", "会员").text().matches("v\\d+"));
            assertTrue(kit.host().status("versioned").isEmpty());
            assertEquals(generation.get(), stopped.get());
        }
    }

    private static PluginTestKit.Said call(PluginTestKit kit, String buyer, String text) {
        try {
            return kit.say("shop", buyer, text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

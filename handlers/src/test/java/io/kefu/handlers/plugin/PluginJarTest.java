package io.kefu.handlers.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kefu.handlers.plugin.fixtures.JarPlugin;
import io.kefu.handlers.plugin.fixtures.SneakyPlugin;
import io.kefu.handlers.plugin.host.PluginLoadException;
import io.kefu.handlers.plugin.testkit.PluginTestKit;
import io.kefu.handlers.testing.RedisExtension;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Jars: loaded in their own class loader, kept away from kefu internals, bad jars refused with nothing changed. */
class PluginJarTest {
    @RegisterExtension
    static final RedisExtension redis = new RedisExtension();

    @TempDir
    Path dir;

    /** A jar holding {@code plugin}'s class file and (optionally) a services file naming {@code serviceLine}. */
    private Path jar(String name, Class<?> plugin, String serviceLine) throws IOException {
        Path jar = dir.resolve(name);
        String classFile = plugin.getName().replace('.', '/') + ".class";
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry(classFile));
            try (var in = plugin.getClassLoader().getResourceAsStream(classFile)) {
                in.transferTo(out);
            }
            if (serviceLine != null) {
                out.putNextEntry(new JarEntry("META-INF/services/" + KefuPlugin.class.getName()));
                out.write((serviceLine + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        return jar;
    }

    @Test
    void loadsAJarInItsOwnClassLoaderAndRefusesBadOnes() throws Exception {
        Path good = jar("jarred.jar", JarPlugin.class, JarPlugin.class.getName());
        try (PluginTestKit kit = PluginTestKit.builder().redis(redis.client()).jar(good)
                .intents(Map.of("会员", "membership")).store("shop", Map.of()).build()) {
            assertEquals(List.of("loaded by plugin-jarred.jar"), kit.say("shop", "b", "会员").texts());
            assertEquals("jar", kit.host().status("jarred").orElseThrow().kind());

            Path notAJar = Files.writeString(dir.resolve("junk.jar"), "not a zip at all");
            assertMessage(kit, notAJar, "not a jar");
            assertMessage(kit, jar("plain.jar", JarPlugin.class, null), "not a kefu plugin");
            assertMessage(kit, jar("missing.jar", JarPlugin.class, "com.example.Nope"), "cannot instantiate");
            assertMessage(kit, jar("sneaky.jar", SneakyPlugin.class, SneakyPlugin.class.getName()),
                    "may only use kefu's plugin API");
            assertMessage(kit, dir.resolve("absent.jar"), "no such file");
            assertEquals(List.of("jarred"), kit.host().list().stream().map(s -> s.id()).toList());

            // The jar file replaced by garbage: the reload fails and the running generation keeps serving.
            Files.writeString(good, "garbage now");
            assertThrows(PluginLoadException.class, () -> kit.host().reload("jarred"));
            assertEquals(List.of("loaded by plugin-jarred.jar"), kit.say("shop", "b2", "会员").texts());
        }
    }

    private static void assertMessage(PluginTestKit kit, Path jar, String expected) {
        PluginLoadException e = assertThrows(PluginLoadException.class, () -> kit.host().load(jar));
        assertTrue(e.getMessage().contains(expected) && e.getMessage().contains(jar.getFileName().toString()), e.getMessage());
    }

    @SuppressWarnings("unused")
    private static void write(OutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
    }
}

package io.kefu.handlers.plugin.host;

import io.kefu.handlers.plugin.KefuPlugin;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Opens a plugin jar: copies it (so the file in {@code plugins/} can be replaced while this
 * generation still runs), extracts its {@code lib/*.jar} libraries, and finds its one
 * {@link KefuPlugin} with {@link ServiceLoader} in a fresh {@link PluginClassLoader}.
 */
final class PluginJar {
    static final String SERVICE_FILE = "META-INF/services/" + KefuPlugin.class.getName();

    final KefuPlugin plugin;
    final PluginClassLoader loader;
    final Path workDir;

    private PluginJar(KefuPlugin plugin, PluginClassLoader loader, Path workDir) {
        this.plugin = plugin;
        this.loader = loader;
        this.workDir = workDir;
    }

    static PluginJar open(Path jar) throws PluginLoadException {
        if (!Files.isRegularFile(jar)) {
            throw new PluginLoadException(jar + ": no such file");
        }
        Path work = null;
        PluginClassLoader loader = null;
        try {
            work = Files.createTempDirectory("kefu-plugin-");
            Path copy = work.resolve("plugin.jar");
            Files.copy(jar, copy, StandardCopyOption.REPLACE_EXISTING);
            List<URL> urls = new ArrayList<>();
            urls.add(copy.toUri().toURL());
            try (ZipFile zip = new ZipFile(copy.toFile())) {
                if (zip.getEntry(SERVICE_FILE) == null) {
                    throw new PluginLoadException(jar + ": not a kefu plugin (no " + SERVICE_FILE + ")");
                }
                for (ZipEntry e : zip.stream().toList()) {
                    String n = e.getName();
                    if (n.startsWith("lib/") && n.endsWith(".jar") && !e.isDirectory() && n.indexOf('/', 4) < 0) {
                        Path lib = work.resolve("lib-" + n.substring(4));
                        try (InputStream in = zip.getInputStream(e)) {
                            Files.copy(in, lib);
                        }
                        urls.add(lib.toUri().toURL());
                    }
                }
            } catch (java.util.zip.ZipException e) {
                throw new PluginLoadException(jar + ": not a jar (" + e.getMessage() + ")");
            }
            loader = new PluginClassLoader(jar.getFileName().toString(), urls.toArray(URL[]::new), PluginJar.class.getClassLoader());
            List<KefuPlugin> found = new ArrayList<>();
            try {
                ServiceLoader.load(KefuPlugin.class, loader).forEach(found::add);
            } catch (ServiceConfigurationError | LinkageError e) {
                throw new PluginLoadException(jar + ": cannot instantiate its plugin: " + e.getMessage(), e);
            }
            if (found.size() != 1) {
                throw new PluginLoadException(jar + ": must declare exactly one plugin in " + SERVICE_FILE + " (found " + found.size() + ")");
            }
            return new PluginJar(found.get(0), loader, work);
        } catch (PluginLoadException e) {
            discard(loader, work);
            throw e;
        } catch (IOException e) {
            discard(loader, work);
            throw new PluginLoadException(jar + ": cannot read: " + e.getMessage(), e);
        }
    }

    static void discard(PluginClassLoader loader, Path work) {
        try {
            if (loader != null) {
                loader.close();
            }
        } catch (IOException ignored) {
            // closing is best effort; the files below go anyway
        }
        if (work != null) {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temp dir left behind is harmless
            }
        }
    }
}

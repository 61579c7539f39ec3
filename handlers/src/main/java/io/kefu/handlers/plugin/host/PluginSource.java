package io.kefu.handlers.plugin.host;

import io.kefu.handlers.plugin.KefuPlugin;
import java.nio.file.Path;
import java.util.function.Supplier;

/** Where a plugin comes from, so that a reload can make a fresh instance the same way. */
interface PluginSource {
    record Opened(KefuPlugin plugin, PluginClassLoader loader, Path workDir) {
    }

    Opened open() throws PluginLoadException;

    /** "jar", "in-process" or "remote". */
    String kind();

    /** The jar path, URL or class, for listings. */
    String describe();

    static PluginSource jar(Path path) {
        return new PluginSource() {
            @Override
            public Opened open() throws PluginLoadException {
                PluginJar j = PluginJar.open(path);
                return new Opened(j.plugin, j.loader, j.workDir);
            }

            @Override
            public String kind() {
                return "jar";
            }

            @Override
            public String describe() {
                return path.toString();
            }
        };
    }

    static PluginSource supplier(String kind, String describe, Supplier<? extends KefuPlugin> factory) {
        return new PluginSource() {
            @Override
            public Opened open() throws PluginLoadException {
                try {
                    return new Opened(factory.get(), null, null);
                } catch (RuntimeException e) {
                    throw new PluginLoadException(describe + ": cannot create the plugin: " + e, e);
                }
            }

            @Override
            public String kind() {
                return kind;
            }

            @Override
            public String describe() {
                return describe;
            }
        };
    }
}

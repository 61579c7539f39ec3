package io.kefu.handlers.plugin.host;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * One plugin's class loader. Child-first, so a plugin's own copy of a library wins over kefu's and
 * over another plugin's; parent-first only for what plugin and kefu must share: the JDK, the plugin
 * API package itself (one {@code Turn} type on both sides), slf4j and protobuf. kefu's other
 * classes are not on the path at all, so a plugin cannot reach into kefu's internals.
 */
final class PluginClassLoader extends URLClassLoader {
    static final String API_PACKAGE = "io.kefu.handlers.plugin";
    private static final String[] SHARED_PREFIXES = {"org.slf4j.", "com.google.protobuf."};

    static {
        registerAsParallelCapable();
    }

    private final ClassLoader host;

    PluginClassLoader(String name, URL[] urls, ClassLoader host) {
        // The parent is the platform loader: JDK classes only, never kefu's application classpath.
        super("plugin-" + name, urls, ClassLoader.getPlatformClassLoader());
        this.host = host;
    }

    static boolean sharedWithHost(String className) {
        int dot = className.lastIndexOf('.');
        if (dot > 0 && className.substring(0, dot).equals(API_PACKAGE)) {
            return true;
        }
        for (String p : SHARED_PREFIXES) {
            if (className.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                if (name.startsWith("java.")) {
                    c = getParent().loadClass(name);
                } else if (sharedWithHost(name)) {
                    c = host.loadClass(name);
                } else {
                    try {
                        c = findClass(name);
                    } catch (ClassNotFoundException notOurs) {
                        if (name.startsWith("io.kefu.")) {
                            // kefu's own classes are not on this loader's path at all; say why
                            throw new ClassNotFoundException(name + ": a plugin may only use kefu's plugin API (" + API_PACKAGE + ")");
                        }
                        c = getParent().loadClass(name);
                    }
                }
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }

    @Override
    public URL getResource(String name) {
        URL own = findResource(name);
        return own != null ? own : getParent().getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        List<URL> all = new ArrayList<>(Collections.list(findResources(name)));
        all.addAll(Collections.list(getParent().getResources(name)));
        return Collections.enumeration(all);
    }
}

package io.kefu.handlers.dialogue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The flows each store runs: the built-in skills, overridden or extended by the store's own file.
 * A store file is checked when it is registered (a bad one stops the start with file and line) and
 * re-read when it changes on disk (looked at no more than once a second, on use); a bad edit is
 * logged and the previous version keeps running.
 */
public final class FlowLibrary {
    private static final Logger log = LoggerFactory.getLogger(FlowLibrary.class);
    private static final long CHECK_EVERY_MS = 1000;

    private final Map<String, Flow> builtin;
    private final Set<String> actions;
    private final Clock clock;
    private final Map<String, StoreFlows> stores = new ConcurrentHashMap<>();

    private static final class StoreFlows {
        final Path file;
        volatile long modified;
        volatile long checkedAt;
        volatile Map<String, Flow> flows;
        volatile String lastError = "";

        StoreFlows(Path file) {
            this.file = file;
        }
    }

    public FlowLibrary(List<Flow> builtin, Set<String> actions, Clock clock) {
        Map<String, Flow> m = new LinkedHashMap<>();
        builtin.forEach(f -> m.put(f.name(), f));
        this.builtin = Map.copyOf(m);
        this.actions = Set.copyOf(actions);
        this.clock = clock;
    }

    /** Parses a classpath resource (the built-in skills); its errors are bugs, so they throw. */
    public static List<Flow> resource(String path, Set<String> actions) {
        try (InputStream in = FlowLibrary.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + path);
            }
            return new FlowParser(path, actions).parse(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Gives a store its own flows file. @throws FlowException naming file and line when it is bad */
    public void storeFile(String storeId, Path file) {
        StoreFlows sf = new StoreFlows(file);
        sf.flows = read(file);
        sf.modified = modified(file);
        sf.checkedAt = clock.millis();
        stores.put(storeId, sf);
    }

    public Optional<Flow> byName(String storeId, String name) {
        Flow f = flows(storeId).get(name);
        return Optional.ofNullable(f != null ? f : builtin.get(name));
    }

    /** The flow an intent starts in this store, if any (the store's own flows win). */
    public Optional<Flow> byTrigger(String storeId, String intent) {
        Map<String, Flow> own = flows(storeId);
        for (Flow f : own.values()) {
            if (f.triggers().contains(intent)) {
                return Optional.of(f);
            }
        }
        for (Flow f : builtin.values()) {
            if (f.triggers().contains(intent) && !own.containsKey(f.name())) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** The last reload problem of a store's file ("" when the file in use is the file on disk). */
    public String lastError(String storeId) {
        StoreFlows sf = stores.get(storeId);
        return sf == null ? "" : sf.lastError;
    }

    private Map<String, Flow> flows(String storeId) {
        StoreFlows sf = stores.get(storeId);
        if (sf == null) {
            return Map.of();
        }
        long now = clock.millis();
        if (now - sf.checkedAt >= CHECK_EVERY_MS) {
            sf.checkedAt = now;
            long m = modified(sf.file);
            if (m != sf.modified) {
                synchronized (sf) {
                    if (m != sf.modified) {
                        sf.modified = m;
                        try {
                            sf.flows = read(sf.file);
                            sf.lastError = "";
                            log.info("reloaded flows of store {} from {}", storeId, sf.file);
                        } catch (FlowException | UncheckedIOException e) {
                            sf.lastError = e.getMessage();
                            log.error("flows of store {} not reloaded, keeping the previous version: {}", storeId, e.getMessage());
                        }
                    }
                }
            }
        }
        return sf.flows;
    }

    private Map<String, Flow> read(Path file) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Map<String, Flow> m = new LinkedHashMap<>();
            new FlowParser(file.toString(), actions).parse(r).forEach(f -> m.put(f.name(), f));
            return Map.copyOf(m);
        } catch (IOException e) {
            throw new FlowException(file.toString(), 1, "cannot read: " + e.getMessage());
        }
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis() ^ Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }
}

package io.kefu.handlers.plugin.host;

import io.kefu.handlers.plugin.KefuPlugin;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledFuture;

/**
 * One loaded instance of a plugin (a reload makes a new generation). Counts the turns using it so
 * that a retired generation is stopped only after the last of them finished.
 */
final class PluginGeneration {
    final KefuPlugin plugin;
    final String id;
    final String version;
    final String kind;
    final Path source;
    final PluginClassLoader loader;
    final Path workDir;
    final Registrations registrations;
    final ExecutorService calls;
    final Duration budget;
    volatile List<ScheduledFuture<?>> jobs = List.of();
    private int inFlight;
    private boolean retired;

    PluginGeneration(KefuPlugin plugin, String kind, Path source, PluginClassLoader loader, Path workDir,
                     Registrations registrations, ExecutorService calls, Duration budget) {
        this.plugin = plugin;
        this.id = plugin.id();
        this.version = plugin.version();
        this.kind = kind;
        this.source = source;
        this.loader = loader;
        this.workDir = workDir;
        this.registrations = registrations;
        this.calls = calls;
        this.budget = budget;
    }

    /** False once retired: the caller must look up the current generation instead. */
    synchronized boolean tryEnter() {
        if (retired) {
            return false;
        }
        inFlight++;
        return true;
    }

    synchronized void exit() {
        inFlight--;
        if (inFlight == 0) {
            notifyAll();
        }
    }

    /** Stops new turns from entering and waits (bounded) for those inside to leave. */
    synchronized boolean retireAndDrain(Duration max) throws InterruptedException {
        retired = true;
        long deadline = System.nanoTime() + max.toNanos();
        while (inFlight > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }
}

package io.courier.demo;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * What SIGTERM (a container stop, {@code kill}, Ctrl-C) does to a running demo: one JVM shutdown
 * hook closes what the run opened, newest first (the traffic, then the applications, consumers
 * first, each logging its close, then the registry, then the broker), as a normal end of the run
 * does. The applications are built with {@code shutdownHook(false)} because the JVM runs its hooks
 * all at once: a hook per application would race the others and the registry's, and lose.
 *
 * <p>Thread-safe.
 */
final class DemoStop {

    private final Deque<AutoCloseable> open = new ArrayDeque<>(); // guarded by this
    private volatile boolean stopping;

    private DemoStop() {}

    /** A stop run by the JVM's shutdown hook. */
    static DemoStop onSignal() {
        DemoStop stop = new DemoStop();
        Runtime.getRuntime().addShutdownHook(new Thread(stop::stopNow, "demo-stop"));
        return stop;
    }

    /** A stop nobody runs: for a run inside a test's JVM, which closes what it opened itself. */
    static DemoStop none() {
        return new DemoStop();
    }

    /** Closes {@code resource} on a signal, before everything registered earlier; returns it. */
    synchronized <T extends AutoCloseable> T closeOnStop(T resource) {
        open.push(resource);
        return resource;
    }

    /** The run ended and closed everything itself: the signal's hook has nothing left to do. */
    synchronized void finished() {
        open.clear();
    }

    /** Whether a signal is stopping the run: its output is then the stop's, not a failure's. */
    boolean stopping() {
        return stopping;
    }

    private void stopNow() {
        List<AutoCloseable> toClose;
        synchronized (this) {
            toClose = new ArrayList<>(open);
            open.clear();
        }
        if (toClose.isEmpty()) {
            return;
        }
        stopping = true;
        System.out.println();
        System.out.println("Stopping: closing every application, consumers first, then the registry and the broker");
        for (AutoCloseable resource : toClose) {
            try {
                resource.close();
            } catch (Exception e) {
                System.out.println("closing " + resource + " failed: " + e);
            }
        }
        System.out.println("Stopped.");
    }
}

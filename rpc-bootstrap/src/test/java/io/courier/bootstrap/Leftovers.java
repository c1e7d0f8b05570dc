package io.courier.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** Checks that something under test left no thread and no bound port behind. */
public final class Leftovers {

    /** Threads the JVM or the test tools start on their own, whenever they like. */
    private static final List<String> JVM_THREADS = List.of(
            "ForkJoinPool.commonPool", "process reaper", "Attach Listener", "Common-Cleaner", "junit-", "awaitility");

    private final Set<Thread> before;

    private Leftovers(Set<Thread> before) {
        this.before = before;
    }

    static Leftovers snapshot() {
        return new Leftovers(Thread.getAllStackTraces().keySet());
    }

    /** Waits (bounded) until every thread started since the snapshot has ended. */
    void assertNoNewThreads() {
        assertNoNewThreadsExcept(List.of());
    }

    /** As {@link #assertNoNewThreads()}, ignoring threads whose names start with one of {@code known}. */
    void assertNoNewThreadsExcept(List<String> known) {
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .untilAsserted(() ->
                        assertThat(newThreads(known)).as("threads left running").isEmpty());
    }

    private List<String> newThreads(List<String> known) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> !before.contains(thread) && thread.isAlive())
                .map(Thread::getName)
                .filter(name -> JVM_THREADS.stream().noneMatch(name::startsWith))
                .filter(name -> known.stream().noneMatch(name::startsWith))
                .sorted()
                .toList();
    }

    /** A port that was free a moment ago on 127.0.0.1. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fails unless {@code port} can be bound on 127.0.0.1 right now. */
    static void assertPortFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            throw new AssertionError("port " + port + " is still bound: " + e, e);
        }
    }
}

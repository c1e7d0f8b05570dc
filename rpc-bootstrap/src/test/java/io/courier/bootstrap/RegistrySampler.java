package io.courier.bootstrap;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/** Reads a list of registered nodes every 2 ms and keeps the largest count it saw. */
public final class RegistrySampler implements AutoCloseable {

    private final Callable<List<String>> nodes;
    private final AtomicInteger most = new AtomicInteger();
    private final Thread thread;
    private volatile boolean running = true;

    private RegistrySampler(Callable<List<String>> nodes) {
        this.nodes = nodes;
        this.thread = new Thread(this::run, "registry-sampler");
        thread.setDaemon(true);
    }

    public static RegistrySampler start(Callable<List<String>> nodes) {
        RegistrySampler sampler = new RegistrySampler(nodes);
        sampler.thread.start();
        return sampler;
    }

    private void run() {
        while (running) {
            try {
                most.accumulateAndGet(nodes.call().size(), Math::max);
            } catch (Exception e) {
                // the node's parent may be gone for a moment; the next sample sees it
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
    }

    public int most() {
        return most.get();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5_000);
    }
}

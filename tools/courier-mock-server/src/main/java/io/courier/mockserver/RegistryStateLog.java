package io.courier.mockserver;

import io.courier.bootstrap.Courier;
import io.courier.bootstrap.status.CourierStatus.RegistryState;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says once, by address, when the registry becomes unreachable after the start, and once when it is
 * back, while the registry client reconnects quietly (the runnable jar's logging keeps ZooKeeper's
 * and Curator's per-attempt stack traces out).
 */
final class RegistryStateLog implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RegistryStateLog.class);
    private static final long CHECK_MILLIS = 1_000;

    private final Courier application;
    private final String address;
    private final ScheduledExecutorService timer;
    private RegistryState last = RegistryState.CONNECTED; // only on the timer's thread

    RegistryStateLog(Courier application, String address) {
        this.application = application;
        this.address = address;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "courier-mock-server-registry-state");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::check, CHECK_MILLIS, CHECK_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void check() {
        RegistryState now = application.status().registry();
        if (now == last || application.isClosed()) {
            return;
        }
        if (now == RegistryState.DISCONNECTED) {
            log.warn(
                    "Registry {} unreachable: consumers that already know this mock server keep calling it, new"
                            + " ones cannot find it; reconnecting quietly",
                    address);
        } else if (now == RegistryState.CONNECTED) {
            log.info("Registry {} reachable again", address);
        }
        last = now;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}

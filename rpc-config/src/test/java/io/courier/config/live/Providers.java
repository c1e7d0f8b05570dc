package io.courier.config.live;

import io.courier.api.Export;
import java.util.concurrent.atomic.AtomicInteger;

/** The implementations; each counts the calls it received. */
public final class Providers {

    private Providers() {}

    @Export
    public static final class NamedProbe implements Probe {
        private final String name;
        final AtomicInteger calls = new AtomicInteger();

        NamedProbe(String name) {
            this.name = name;
        }

        @Override
        public String who() {
            calls.incrementAndGet();
            return name;
        }

        @Override
        public String sleep(long millis) {
            calls.incrementAndGet();
            pause(millis);
            return name;
        }

        @Override
        public String retryableSleep(long millis) {
            return sleep(millis);
        }
    }

    @Export
    public static final class SlowFlaky implements Flaky {
        private final String name;

        SlowFlaky(String name) {
            this.name = name;
        }

        @Override
        public String sleep(long millis) {
            pause(millis);
            return name;
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

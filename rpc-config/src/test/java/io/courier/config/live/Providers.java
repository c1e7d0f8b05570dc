package io.courier.config.live;

import io.courier.api.Export;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
        public CompletableFuture<String> slow(long millis) {
            calls.incrementAndGet();
            return later(name, millis);
        }

        @Override
        public CompletableFuture<String> retryableSlow(long millis) {
            return slow(millis);
        }
    }

    @Export
    public static final class SlowFlaky implements Flaky {
        private final String name;

        SlowFlaky(String name) {
            this.name = name;
        }

        @Override
        public CompletableFuture<String> slow(long millis) {
            return later(name, millis);
        }
    }

    /** {@code value}, {@code millis} from now: a slow provider that holds no thread. */
    private static CompletableFuture<String> later(String value, long millis) {
        return CompletableFuture.supplyAsync(
                () -> value, CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS));
    }
}

package io.courier.config.live;

import io.courier.api.Export;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The implementations; each counts the calls it received. */
public final class Providers {

    private Providers() {}

    @Export
    public static final class NamedProbe implements Probe {
        private final String name;
        private final Map<String, AtomicInteger> attempts;

        /** @param attempts where the attempts of each call id are counted, shared by the providers */
        NamedProbe(String name, Map<String, AtomicInteger> attempts) {
            this.name = name;
            this.attempts = attempts;
        }

        @Override
        public String who() {
            return name;
        }

        @Override
        public CompletableFuture<String> slow(long millis) {
            return later(name, millis);
        }

        @Override
        public CompletableFuture<String> retryableSlow(long millis, String callId) {
            attempts.computeIfAbsent(callId, id -> new AtomicInteger()).incrementAndGet();
            return later(name, millis);
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

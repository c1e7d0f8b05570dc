package io.courier.cluster.testing;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Reads outcomes of futures in tests. */
public final class Futures {

    private Futures() {}

    /** What {@code future} failed with, exactly as it was completed; fails if it did not fail. */
    public static Throwable failure(CompletableFuture<?> future) {
        Throwable failure = future.handle((value, thrown) -> thrown)
                .orTimeout(10, TimeUnit.SECONDS)
                .join();
        if (failure == null) {
            throw new AssertionError("expected a failed future, got a value");
        }
        return failure;
    }
}

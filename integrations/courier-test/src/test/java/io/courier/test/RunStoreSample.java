package io.courier.test;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Run by {@link RunStoreTest}: keeps one value in the {@link RunStore}, counting its starts and closes. */
@ExtendWith(RunStoreSample.Keep.class)
class RunStoreSample {

    static final AtomicInteger started = new AtomicInteger();
    static final AtomicInteger closed = new AtomicInteger();

    @Test
    void runs() {}

    static final class Keep implements BeforeAllCallback {
        @Override
        public void beforeAll(ExtensionContext context) {
            RunStore.of(context, ExtensionContext.Namespace.create(RunStoreSample.class))
                    .getOrComputeIfAbsent(Kept.class, type -> new Kept(started.incrementAndGet()), Kept.class);
        }
    }

    /** Closed by JUnit: as an AutoCloseable from 5.13 on, as a CloseableResource before. */
    @SuppressWarnings("deprecation")
    private record Kept(int number) implements AutoCloseable, ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            closed.incrementAndGet();
        }
    }
}

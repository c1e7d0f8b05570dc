package io.courier.protocol.internal;

import io.courier.api.Internal;
import io.netty.util.concurrent.FastThreadLocal;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A per-thread scratch value for code that runs on Netty's IO threads: there a {@link
 * FastThreadLocal} is an index into the thread's own array, where a {@link ThreadLocal} is a hash
 * probe among every library's thread-locals (on a provider's IO thread, such probes were several
 * per cent of each call). On other threads it costs about what a {@code ThreadLocal} does.
 */
@Internal
public final class IoThreadLocal {

    private IoThreadLocal() {}

    /** A thread-local whose first value on each thread comes from {@code initial}. */
    public static <T> FastThreadLocal<T> withInitial(Supplier<? extends T> initial) {
        Objects.requireNonNull(initial, "initial");
        return new FastThreadLocal<>() {
            @Override
            protected T initialValue() {
                return initial.get();
            }
        };
    }
}

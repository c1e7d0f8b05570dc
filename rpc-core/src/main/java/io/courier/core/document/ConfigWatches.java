package io.courier.core.document;

import io.courier.api.DynamicConfig;
import io.courier.api.ServiceKey;
import io.courier.core.concurrent.Mailbox;
import io.courier.core.concurrent.SerialExecutor;
import io.courier.core.concurrent.SharedWatches;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code watchConfig} side of a registry: one watch of a service's configuration {@link Layers},
 * started by the backend and shared by the service's listeners, each listener fed through a {@link
 * Mailbox} on the notification pool (the latest configuration, one call at a time, in order; a listener
 * that throws is logged). Thread-safe.
 */
public final class ConfigWatches {

    private static final Logger log = LoggerFactory.getLogger(ConfigWatches.class);

    /** One service's merged configuration, as the backend follows it. */
    public interface Layers extends AutoCloseable {

        /** Adds {@code sink}; it hears the merged configuration at once if there is one. */
        void addSink(Consumer<DynamicConfig> sink);

        void removeSink(Consumer<DynamicConfig> sink);

        @Override
        void close();
    }

    private final Executor notifier;
    private final BiFunction<ServiceKey, LongAdder, ? extends Layers> start;
    private final LongAdder rejected = new LongAdder();
    private final SharedWatches<ServiceKey, Layers> shared = new SharedWatches<>();

    /**
     * @param notifier the pool the listeners are called on
     * @param start makes and starts the watch of a service, counting every document it refuses in the
     *     given adder
     */
    public ConfigWatches(Executor notifier, BiFunction<ServiceKey, LongAdder, ? extends Layers> start) {
        this.notifier = notifier;
        this.start = start;
    }

    /**
     * Follows the configuration of {@code serviceKey} until the returned handle is closed.
     *
     * @throws IllegalStateException once closed
     */
    public AutoCloseable watch(ServiceKey serviceKey, Consumer<DynamicConfig> listener) {
        Mailbox<DynamicConfig> mailbox = new Mailbox<>(new SerialExecutor(notifier), config -> {
            try {
                listener.accept(config);
            } catch (RuntimeException e) {
                log.error("A configuration listener of {} failed", serviceKey, e);
            }
        });
        Layers watch = shared.join(serviceKey, key -> start.apply(key, rejected));
        watch.addSink(mailbox);
        AtomicBoolean open = new AtomicBoolean(true);
        return () -> {
            if (open.compareAndSet(true, false)) {
                mailbox.close();
                watch.removeSink(mailbox);
                shared.leave(serviceKey, key -> {});
            }
        };
    }

    /** Documents refused by any layer of any service since the registry started. */
    public long rejected() {
        return rejected.sum();
    }

    /** Closes every watch; no listener is added after this. */
    public void close() {
        shared.close();
    }
}

package io.courier.registry.etcd;

import io.courier.api.DynamicConfig;
import io.courier.api.ServiceKey;
import io.courier.api.internal.Mailbox;
import io.courier.api.internal.SerialExecutor;
import io.courier.api.internal.SharedWatches;
import io.courier.api.registry.RegistryOptions;
import io.courier.registry.etcd.internal.KeyLayout;
import io.courier.registry.etcd.internal.LayeredConfig;
import io.etcd.jetcd.Client;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link EtcdRegistry#watchConfig} side of the registry: one {@link LayeredConfig} per service,
 * shared by its listeners, each listener fed through a {@link Mailbox} on the notification pool (the
 * latest configuration, one call at a time, in order). Thread-safe.
 */
final class ConfigWatches {

    private static final Logger log = LoggerFactory.getLogger(ConfigWatches.class);

    private final Client client;
    private final KeyLayout layout;
    private final RegistryOptions options;
    private final ScheduledExecutorService watches;
    private final Executor notifier;
    private final LongAdder rejected = new LongAdder();
    private final SharedWatches<ServiceKey, LayeredConfig> shared = new SharedWatches<>();

    ConfigWatches(
            Client client,
            KeyLayout layout,
            RegistryOptions options,
            ScheduledExecutorService watches,
            Executor notifier) {
        this.client = client;
        this.layout = layout;
        this.options = options;
        this.watches = watches;
        this.notifier = notifier;
    }

    /** @throws IllegalStateException once closed */
    AutoCloseable watch(ServiceKey serviceKey, Consumer<DynamicConfig> listener) {
        Mailbox<DynamicConfig> mailbox = new Mailbox<>(new SerialExecutor(notifier), config -> {
            try {
                listener.accept(config);
            } catch (RuntimeException e) {
                log.error("A configuration listener of {} failed", serviceKey, e);
            }
        });
        LayeredConfig watch = shared.join(serviceKey, key -> {
            LayeredConfig started = new LayeredConfig(
                    client, layout, key, options.environment(), options.application(), watches, rejected);
            started.start();
            return started;
        });
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
    long rejected() {
        return rejected.sum();
    }

    void close() {
        shared.close();
    }
}

package io.courier.registry.etcd;

import io.courier.api.DynamicConfig;
import io.courier.api.ServiceKey;
import io.courier.api.internal.Mailbox;
import io.courier.api.internal.SerialExecutor;
import io.courier.api.registry.RegistryOptions;
import io.courier.registry.etcd.internal.KeyLayout;
import io.courier.registry.etcd.internal.LayeredConfig;
import io.etcd.jetcd.Client;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    private final Map<ServiceKey, Shared> shared = new HashMap<>(); // guarded by itself
    private boolean closed; // guarded by shared

    private static final class Shared {
        final LayeredConfig watch;
        int users;

        Shared(LayeredConfig watch) {
            this.watch = watch;
        }
    }

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
        LayeredConfig watch;
        synchronized (shared) {
            if (closed) {
                throw new IllegalStateException("Registry is closed");
            }
            Shared entry = shared.get(serviceKey);
            if (entry == null) {
                LayeredConfig started = new LayeredConfig(
                        client, layout, serviceKey, options.environment(), options.application(), watches, rejected);
                started.start();
                entry = new Shared(started);
                shared.put(serviceKey, entry);
            }
            entry.users++;
            watch = entry.watch;
        }
        watch.addSink(mailbox);
        AtomicBoolean open = new AtomicBoolean(true);
        return () -> {
            if (open.compareAndSet(true, false)) {
                mailbox.close();
                watch.removeSink(mailbox);
                release(serviceKey);
            }
        };
    }

    /** Documents refused by any layer of any service since the registry started. */
    long rejected() {
        return rejected.sum();
    }

    void close() {
        List<LayeredConfig> open = new ArrayList<>();
        synchronized (shared) {
            closed = true;
            shared.values().forEach(entry -> open.add(entry.watch));
            shared.clear();
        }
        open.forEach(LayeredConfig::close);
    }

    private void release(ServiceKey serviceKey) {
        LayeredConfig last;
        synchronized (shared) {
            Shared entry = shared.get(serviceKey);
            if (entry == null || --entry.users > 0) {
                return;
            }
            shared.remove(serviceKey);
            last = entry.watch;
        }
        last.close();
    }
}

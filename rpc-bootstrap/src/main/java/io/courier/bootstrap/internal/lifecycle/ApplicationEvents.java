package io.courier.bootstrap.internal.lifecycle;

import io.courier.api.config.ConfigKey;
import io.courier.api.event.EventBroker;
import io.courier.api.event.EventBrokerContext;
import io.courier.api.event.EventBrokers;
import io.courier.api.event.Subscribe;
import io.courier.bootstrap.internal.config.Settings;
import io.courier.filter.SharedObjects;
import io.courier.filter.metrics.MeterRegistries;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;

/**
 * The application's event broker: opened on first use (a publisher asked for, or an exported bean
 * with {@link Subscribe} methods) through {@link EventBrokers#open} with the application's settings,
 * and closed first when the application stops, so that its subscriptions stop polling, finish the
 * events in hand, commit and leave their groups while the application can still serve and call.
 * The broker traces with the application's {@code OpenTelemetry} (the one given to the builder, else
 * the broker's default, the global one) and meters into the application's {@link MeterRegistry}
 * (the one given to the builder, else the Prometheus registry the admin endpoint scrapes), never
 * into a global registry. Thread-safe.
 */
public final class ApplicationEvents implements AutoCloseable {

    private final String application;
    private final Settings settings;
    private final SharedObjects shared;
    private EventBroker broker; // guarded by this
    private boolean closed; // guarded by this

    public ApplicationEvents(String application, Settings settings, SharedObjects shared) {
        this.application = application;
        this.settings = settings;
        this.shared = shared;
    }

    /**
     * The broker, opened now if it is not yet.
     *
     * @throws IllegalStateException if the application is closed, or no broker of the configured name
     *     is on the class path
     */
    public synchronized EventBroker broker() {
        if (closed) {
            throw new IllegalStateException("Courier application '" + application + "' is closed");
        }
        if (broker == null) {
            broker = EventBrokers.open(new EventBrokerContext() {
                @Override
                public String application() {
                    return application;
                }

                @Override
                public <T> T setting(ConfigKey<T> key) {
                    return settings.get(key);
                }

                @Override
                public <T> Optional<T> shared(Class<T> type) {
                    return type == MeterRegistry.class
                            ? Optional.of(type.cast(MeterRegistries.of(shared)))
                            : shared.find(type);
                }
            });
        }
        return broker;
    }

    /** The broker if it was opened and the application is not closed; never opens it. */
    public synchronized Optional<EventBroker> opened() {
        return closed ? Optional.empty() : Optional.ofNullable(broker);
    }

    /** Subscribes the {@link Subscribe} methods of {@code bean}, if it has any (opening the broker then). */
    public void subscribeAnnotated(Object bean) {
        if (EventBrokers.hasSubscribeMethods(bean.getClass())) {
            broker().subscribeAnnotated(bean);
        }
    }

    /** Closes the broker, if it was opened: its subscriptions stop gracefully. Idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        if (broker != null) {
            broker.close();
        }
    }
}

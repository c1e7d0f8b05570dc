package io.courier.filter;

import io.courier.api.DynamicConfig;
import io.courier.api.ReferenceOptions;
import io.courier.api.ServiceDescriptor;
import io.courier.api.ServiceKey;
import io.courier.api.config.ConfigKeyRegistry;
import io.courier.api.filter.FilterContext;
import io.courier.spi.Side;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link FilterContext} of one service on one side, built from plain values: what the
 * bootstrap hands to {@link FilterChains#build(FilterContext, io.courier.api.Invoker)} for each
 * export and each reference. The bootstrap forwards the registry's configuration pushes to
 * {@link #publish(DynamicConfig)}. Thread-safe.
 */
public final class ServiceFilterContext implements FilterContext {

    private static final Logger log = LoggerFactory.getLogger(ServiceFilterContext.class);
    private static final String ROOT = "courier.";

    private final Side side;
    private final String application;
    private final ServiceKey serviceKey;
    private final ServiceDescriptor service;
    private final Function<String, String> properties;
    private final Function<String, String> origins;
    private final String serviceKeyPrefix;
    private final ReferenceOptions referenceOptions;
    private final SharedObjects shared;
    private final List<Consumer<DynamicConfig>> listeners = new ArrayList<>();
    private DynamicConfig current;

    private ServiceFilterContext(Builder builder) {
        this.side = builder.side;
        this.application = builder.application;
        this.serviceKey = builder.serviceKey;
        this.service = builder.service;
        this.properties = builder.properties;
        this.origins = builder.origins;
        this.serviceKeyPrefix = ConfigKeyRegistry.SERVICE_PREFIX + builder.serviceKey.interfaceName() + ".";
        this.referenceOptions = builder.referenceOptions;
        this.shared = builder.shared;
    }

    /** A builder for {@code serviceKey}, described by {@code service}, on {@code side}. */
    public static Builder builder(Side side, ServiceKey serviceKey, ServiceDescriptor service) {
        return new Builder(side, serviceKey, service);
    }

    @Override
    public Side side() {
        return side;
    }

    @Override
    public String application() {
        return application;
    }

    @Override
    public ServiceKey serviceKey() {
        return serviceKey;
    }

    @Override
    public ServiceDescriptor service() {
        return service;
    }

    @Override
    public Optional<String> property(String key) {
        Objects.requireNonNull(key, "key");
        if (key.startsWith(ROOT)) {
            String perService = properties.apply(serviceKeyPrefix + key.substring(ROOT.length()));
            if (perService != null) {
                return Optional.of(perService.trim());
            }
        }
        String value = properties.apply(key);
        return value == null ? Optional.empty() : Optional.of(value.trim());
    }

    @Override
    public String origin(String key) {
        Objects.requireNonNull(key, "key");
        if (key.startsWith(ROOT)) {
            String perService = serviceKeyPrefix + key.substring(ROOT.length());
            if (properties.apply(perService) != null) {
                return origins.apply(perService);
            }
        }
        return properties.apply(key) == null ? null : origins.apply(key);
    }

    @Override
    public synchronized void onDynamicConfig(Consumer<DynamicConfig> listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        if (current != null) {
            deliver(listener, current);
        }
    }

    @Override
    public Optional<ReferenceOptions> referenceOptions() {
        return Optional.ofNullable(referenceOptions);
    }

    @Override
    public <T> T shared(Class<T> type, Supplier<? extends T> factory) {
        return shared.get(type, factory);
    }

    /**
     * Delivers a new dynamic configuration document to every listener registered by this
     * service's filters, and to those that register later.
     */
    public synchronized void publish(DynamicConfig config) {
        Objects.requireNonNull(config, "config");
        current = config;
        for (Consumer<DynamicConfig> listener : listeners) {
            deliver(listener, config);
        }
    }

    private void deliver(Consumer<DynamicConfig> listener, DynamicConfig config) {
        try {
            listener.accept(config);
        } catch (RuntimeException e) {
            // One filter's bad reaction must not keep the others on the old configuration.
            log.warn("A filter of {} ({}) failed to apply dynamic configuration", serviceKey, side, e);
        }
    }

    @Override
    public String toString() {
        return "ServiceFilterContext(" + side + ", " + serviceKey + ")";
    }

    /** Builds a {@link ServiceFilterContext}; only side, service key and descriptor are required. */
    public static final class Builder {
        private final Side side;
        private final ServiceKey serviceKey;
        private final ServiceDescriptor service;
        private String application = "";
        private Function<String, String> properties = key -> null;
        private Function<String, String> origins = key -> null;
        private ReferenceOptions referenceOptions;
        private SharedObjects shared;

        private Builder(Side side, ServiceKey serviceKey, ServiceDescriptor service) {
            this.side = Objects.requireNonNull(side, "side");
            this.serviceKey = Objects.requireNonNull(serviceKey, "serviceKey");
            this.service = Objects.requireNonNull(service, "service");
        }

        public Builder application(String application) {
            this.application = Objects.requireNonNull(application, "application");
            return this;
        }

        /** The application's merged configuration: a key to its value, or {@code null} when unset. */
        public Builder properties(Function<String, String> properties) {
            this.properties = Objects.requireNonNull(properties, "properties");
            return this;
        }

        /**
         * Where each key of the merged configuration was set ({@code builder}, {@code system property},
         * a file), for the messages of invalid values; {@code null} when unknown.
         */
        public Builder origins(Function<String, String> origins) {
            this.origins = Objects.requireNonNull(origins, "origins");
            return this;
        }

        /** As {@link #properties(Function)}, from a map (copied). */
        public Builder properties(Map<String, String> properties) {
            Map<String, String> copy = Map.copyOf(properties);
            this.properties = copy::get;
            return this;
        }

        /** The consumer's reference options; leave unset on the provider side. */
        public Builder referenceOptions(ReferenceOptions referenceOptions) {
            this.referenceOptions = referenceOptions;
            return this;
        }

        /** The application's shared objects; every service of one application must get the same. */
        public Builder shared(SharedObjects shared) {
            this.shared = Objects.requireNonNull(shared, "shared");
            return this;
        }

        /** @throws IllegalStateException if {@link #shared(SharedObjects)} was not given */
        public ServiceFilterContext build() {
            if (shared == null) {
                throw new IllegalStateException("shared: not set (expected: the application's SharedObjects)");
            }
            return new ServiceFilterContext(this);
        }
    }
}

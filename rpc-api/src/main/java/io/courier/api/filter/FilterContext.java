package io.courier.api.filter;

import io.courier.api.DynamicConfig;
import io.courier.api.MethodDescriptor;
import io.courier.api.ReferenceOptions;
import io.courier.api.ServiceDescriptor;
import io.courier.api.ServiceKey;
import io.courier.api.config.ConfigKey;
import io.courier.api.config.FilterSettings;
import io.courier.api.time.Ticker;
import io.courier.spi.Side;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What a {@link Filter} learns about the service it is being bound to, once, when the chain is
 * assembled. Courier's own implementation is {@code io.courier.filter.ServiceFilterContext}.
 *
 * <p>Every method may be called from {@link io.courier.api.filter.FilterFactory#bind(FilterContext)}
 * and {@link Filter#forMethod} only, on the thread that assembles the chain; a filter keeps what it
 * needs in its own fields. Values are never {@code null}, but {@link #origin(String)} may be.
 */
public interface FilterContext {

    /** The side of the call this chain runs on. */
    Side side();

    /** The local application's name. */
    String application();

    ServiceKey serviceKey();

    ServiceDescriptor service();

    /**
     * A configuration value by its full key (e.g. {@code courier.filter.rate-limit.qps}) from the
     * application's merged configuration. A per-service value wins over the application-wide one:
     * it has the same key with {@code courier.} replaced by {@code courier.service.<interface>.}
     * (e.g. {@code courier.service.com.acme.UserService.filter.rate-limit.qps}). Empty when neither
     * is set.
     */
    Optional<String> property(String key);

    /**
     * The service's typed value of a declared filter option (per-service value first, as
     * {@link #property(String)}); empty when unset.
     *
     * @throws io.courier.api.config.ConfigValueException if the value is invalid; the message names
     *     the key, the value and the expectation
     */
    default <T> Optional<T> setting(ConfigKey<T> key) {
        return property(key.name()).map(text -> key.parse(text, key.name(), origin(key.name())));
    }

    /**
     * Where the value {@link #property(String)} returns for {@code key} was set ({@code builder},
     * {@code system property}, a file), for messages; {@code null} when unknown or unset.
     */
    default String origin(String key) {
        return null;
    }

    /**
     * {@code method}'s own typed value of a filter option: {@code courier.filter.<descriptor>.<option>},
     * else {@code courier.filter.<name>.<option>}; empty when neither is set.
     *
     * @throws io.courier.api.config.ConfigValueException if the value is invalid
     */
    default <T> Optional<T> forMethod(ConfigKey<T> key, MethodDescriptor method) {
        for (String name : FilterSettings.methodKeys(key, method.descriptor(), method.name())) {
            Optional<String> text = property(name);
            if (text.isPresent()) {
                return Optional.of(key.parse(text.get(), name, origin(name)));
            }
        }
        return Optional.empty();
    }

    /** {@code method}'s own value of {@code key}, else the service's. */
    default <T> Optional<T> forMethodOrService(ConfigKey<T> key, MethodDescriptor method) {
        Optional<T> own = forMethod(key, method);
        return own.isPresent() ? own : setting(key);
    }

    /** Whether {@code key} is set for the service or for any of its methods. */
    default boolean anySet(ConfigKey<?> key) {
        if (property(key.name()).isPresent()) {
            return true;
        }
        for (MethodDescriptor method : service().methods()) {
            for (String name : FilterSettings.methodKeys(key, method.descriptor(), method.name())) {
                if (property(name).isPresent()) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Registers a listener for the service's dynamic configuration; it is called with the current
     * document (if any) and then on every change, possibly on another thread, never concurrently
     * for one service. Filters that support run-time changes (limits) use this; the registration
     * lasts as long as the chain.
     */
    void onDynamicConfig(Consumer<DynamicConfig> listener);

    /**
     * The consumer's options for the referenced service (timeout, retries, ...); empty on the
     * provider side.
     */
    default Optional<ReferenceOptions> referenceOptions() {
        return Optional.empty();
    }

    /**
     * The application-wide object of {@code type}, shared by every chain of the application: the
     * one the application registered, or else the one {@code factory} builds on the first request
     * for that type. Filters use it for what must exist once per application (a
     * {@code MeterRegistry}, an {@code OpenTelemetry} instance, a metrics endpoint, a clock).
     *
     * <p>An object built by {@code factory} is owned by the application: if it is
     * {@link AutoCloseable} it is closed when the application stops, after every chain. An object
     * the application was given stays its giver's to close. {@code factory} may itself ask for
     * other shared objects; it must not return {@code null}.
     */
    <T> T shared(Class<T> type, Supplier<? extends T> factory);

    /**
     * The application's clock: the {@link Ticker} it registered as a shared object (a test's fake
     * clock), else {@link Ticker#SYSTEM}. Filters read the time only through it.
     */
    default Ticker ticker() {
        return shared(Ticker.class, () -> Ticker.SYSTEM);
    }
}

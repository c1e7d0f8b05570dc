package io.courier.api;

import io.courier.spi.Side;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What a {@link Filter} learns about the service it is being bound to, once, when the chain is
 * assembled. Implemented by Courier's bootstrap.
 */
public interface FilterContext {

    /** The side of the call this chain runs on. */
    Side side();

    /** The local application's name. */
    String application();

    ServiceKey serviceKey();

    ServiceDescriptor service();

    /**
     * A configuration value by its full key (e.g. {@code courier.filter.rate-limit.qps}), from the
     * application's merged configuration; per-service overrides use
     * {@code courier.service.<interface>.<key suffix>}. Empty when not set.
     */
    Optional<String> property(String key);

    /**
     * Registers a listener for the service's dynamic configuration; it is called with the current
     * document (if any) and then on every change. Filters that support run-time changes (limits)
     * use this.
     */
    void onDynamicConfig(Consumer<DynamicConfig> listener);
}

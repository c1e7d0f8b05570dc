package io.courier.api.event;

import io.courier.api.config.ConfigKey;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What an {@link EventBrokerFactory} is given: the application's settings, its name (the {@code
 * source} of the events it publishes) and its own telemetry objects. Implementations are immutable
 * and thread-safe.
 */
public interface EventBrokerContext {

    /** The publishing application's name; empty if it has none. */
    String application();

    /**
     * The value of {@code key}: the one set, parsed, or the key's default.
     *
     * @throws io.courier.api.config.ConfigValueException naming the key if the text set is invalid
     */
    <T> T setting(ConfigKey<T> key);

    /**
     * The application's own object of {@code type}, for the broker to use instead of a global one:
     * Courier's bootstrap hands over the {@code io.opentelemetry.api.OpenTelemetry} given to its
     * builder (spans of publishing and handling) and the application's {@code
     * io.micrometer.core.instrument.MeterRegistry} (the one given to its builder, else the one its
     * admin endpoint scrapes). Empty when the application has none of that type; the factory then
     * falls back to its documented default. The caller of the factory owns what it returns here.
     */
    default <T> Optional<T> shared(Class<T> type) {
        return Optional.empty();
    }

    /** A copy of this context whose settings are {@code overrides} over this one's. */
    default EventBrokerContext with(Map<String, String> overrides) {
        EventBrokerContext base = this;
        Map<String, String> copy = Map.copyOf(overrides);
        return new EventBrokerContext() {
            @Override
            public String application() {
                return base.application();
            }

            @Override
            public <T> T setting(ConfigKey<T> key) {
                String text = copy.get(key.name());
                return text != null ? key.parse(text) : base.setting(key);
            }

            @Override
            public <T> Optional<T> shared(Class<T> type) {
                return base.shared(type);
            }
        };
    }

    /** A context of plain settings ({@code courier.*} names to text), for code without the bootstrap. */
    static EventBrokerContext of(String application, Map<String, String> settings) {
        Objects.requireNonNull(application, "application");
        Map<String, String> copy = Map.copyOf(settings);
        return new EventBrokerContext() {
            @Override
            public String application() {
                return application;
            }

            @Override
            public <T> T setting(ConfigKey<T> key) {
                String text = copy.get(key.name());
                return text != null ? key.parse(text) : key.defaultValue();
            }
        };
    }
}

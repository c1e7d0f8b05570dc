package io.courier.filter.tracing;

import io.courier.api.config.ConfigKey;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.util.Optional;

/**
 * Extension point: sets up an application's {@link OpenTelemetry} from its configuration when the
 * application brought none. Implementations are registered in
 * {@code META-INF/services/io.courier.filter.tracing.TelemetryInstaller} (rpc-observability has one);
 * the bootstrap asks every one on the class path, in that order, and takes the first non-empty answer.
 *
 * <p>The bootstrap asks only when the application gave its builder no {@code OpenTelemetry}; an
 * implementation itself leaves alone an instance the application or an agent already made global.
 * What it returns becomes the application's shared {@code OpenTelemetry} (spans of calls and events);
 * if it is {@link AutoCloseable}, the bootstrap closes it when the application stops, after the last
 * call, so that an exporter's queue is flushed. Called once per application start, on the starting
 * thread.
 */
public interface TelemetryInstaller {

    /**
     * The {@code OpenTelemetry} this application should trace with, or empty to leave tracing to
     * the global instance (the configuration asks for none, or one is already there).
     *
     * @throws io.courier.api.config.ConfigValueException naming the key if a setting is invalid
     * @throws IllegalArgumentException if the settings do not go together; the message names the keys
     */
    Optional<OpenTelemetry> install(Context context);

    /**
     * A registry that pushes the application's meters somewhere (an OTLP endpoint, say), or empty
     * (the default). Asked only when the application gave its builder no {@code MeterRegistry}: the
     * bootstrap then puts what it returns beside the Prometheus registry that serves the metrics
     * endpoint, so every meter goes to both, and closes it when the application stops, which
     * pushes what is left. An application that brings its own registry (Spring Boot's) configures
     * its export there.
     *
     * @throws io.courier.api.config.ConfigValueException naming the key if a setting is invalid
     */
    default Optional<MeterRegistry> meterRegistry(Context context) {
        return Optional.empty();
    }

    /** What the installer is given: the application's name and settings. Immutable. */
    interface Context {

        /** The application's name ({@code courier.application.name}). */
        String application();

        /**
         * The value of {@code key}: the one set, parsed, or the key's default.
         *
         * @throws io.courier.api.config.ConfigValueException naming the key if the text set is invalid
         */
        <T> T setting(ConfigKey<T> key);
    }
}

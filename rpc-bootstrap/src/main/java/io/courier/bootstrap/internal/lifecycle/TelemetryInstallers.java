package io.courier.bootstrap.internal.lifecycle;

import io.courier.api.config.ConfigKey;
import io.courier.bootstrap.ConfigurationException;
import io.courier.bootstrap.internal.config.Settings;
import io.courier.filter.SharedObjects;
import io.courier.filter.metrics.MeterRegistries;
import io.courier.filter.tracing.TelemetryInstaller;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * The application's {@link OpenTelemetry} when its builder was given none: the first answer of the
 * {@link TelemetryInstaller}s on the class path (rpc-observability's reads {@code courier.tracing.*}),
 * built into the shared objects so that it is closed, and its spans flushed, when the application
 * stops. Without an installer, or when each declines, the filters fall back to the global instance.
 * Likewise the first registry an installer offers to push meters through (OTLP) is put beside the
 * Prometheus registry, and closed, which pushes what is left, when the application stops.
 */
final class TelemetryInstallers {

    private TelemetryInstallers() {}

    static void install(SharedObjects shared, String application, Settings settings) {
        TelemetryInstaller.Context context = context(application, settings);
        first(installer -> installer.install(context))
                .ifPresent(telemetry -> shared.get(OpenTelemetry.class, () -> telemetry));
    }

    /** Called only when the application gave no registry of its own. */
    static void installMeters(SharedObjects shared, String application, Settings settings) {
        TelemetryInstaller.Context context = context(application, settings);
        first(installer -> installer.meterRegistry(context)).ifPresent(pushed -> {
            CompositeMeterRegistry both = MeterRegistries.prometheusAnd(pushed);
            shared.get(MeterRegistry.class, () -> both);
            shared.get(PushedMeters.class, () -> new PushedMeters(both));
        });
    }

    private static TelemetryInstaller.Context context(String application, Settings settings) {
        return new TelemetryInstaller.Context() {
            @Override
            public String application() {
                return application;
            }

            @Override
            public <T> T setting(ConfigKey<T> key) {
                return settings.get(key);
            }
        };
    }

    /** The first non-empty answer of the installers on the class path. */
    private static <T> Optional<T> first(Function<TelemetryInstaller, Optional<T>> question) {
        for (TelemetryInstaller installer :
                ServiceLoader.load(TelemetryInstaller.class, TelemetryInstaller.class.getClassLoader())) {
            Optional<T> answer = ask(installer, question);
            if (answer.isPresent()) {
                return answer;
            }
        }
        return Optional.empty();
    }

    /** Closes the registries that push meters, when the application stops (a MeterRegistry is no AutoCloseable). */
    private record PushedMeters(MeterRegistry registry) implements AutoCloseable {
        @Override
        public void close() {
            registry.close();
        }
    }

    private static <T> Optional<T> ask(
            TelemetryInstaller installer, Function<TelemetryInstaller, Optional<T>> question) {
        try {
            return question.apply(installer);
        } catch (IllegalArgumentException e) { // a ConfigValueException names its key
            throw new ConfigurationException(e.getMessage());
        }
    }
}

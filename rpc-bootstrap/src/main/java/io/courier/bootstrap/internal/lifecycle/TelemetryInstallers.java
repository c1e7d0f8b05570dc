package io.courier.bootstrap.internal.lifecycle;

import io.courier.api.config.ConfigKey;
import io.courier.bootstrap.ConfigurationException;
import io.courier.bootstrap.internal.config.Settings;
import io.courier.filter.SharedObjects;
import io.courier.filter.tracing.TelemetryInstaller;
import io.opentelemetry.api.OpenTelemetry;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The application's {@link OpenTelemetry} when its builder was given none: the first answer of the
 * {@link TelemetryInstaller}s on the class path (rpc-observability's reads {@code courier.tracing.*}),
 * built into the shared objects so that it is closed, and its spans flushed, when the application
 * stops. Without an installer, or when each declines, the filters fall back to the global instance.
 */
final class TelemetryInstallers {

    private TelemetryInstallers() {}

    static void install(SharedObjects shared, String application, Settings settings) {
        TelemetryInstaller.Context context = new TelemetryInstaller.Context() {
            @Override
            public String application() {
                return application;
            }

            @Override
            public <T> T setting(ConfigKey<T> key) {
                return settings.get(key);
            }
        };
        for (TelemetryInstaller installer :
                ServiceLoader.load(TelemetryInstaller.class, TelemetryInstaller.class.getClassLoader())) {
            Optional<OpenTelemetry> installed = ask(installer, context);
            if (installed.isPresent()) {
                shared.get(OpenTelemetry.class, installed::get);
                return;
            }
        }
    }

    private static Optional<OpenTelemetry> ask(TelemetryInstaller installer, TelemetryInstaller.Context context) {
        try {
            return installer.install(context);
        } catch (IllegalArgumentException e) { // a ConfigValueException names its key
            throw new ConfigurationException(e.getMessage());
        }
    }
}

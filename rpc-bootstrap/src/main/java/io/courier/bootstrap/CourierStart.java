package io.courier.bootstrap;

import io.courier.bootstrap.config.RegistryKeys;
import io.courier.bootstrap.internal.appconfig.SettingsDeclarations;
import io.courier.bootstrap.internal.appconfig.SettingsRuntime;
import io.courier.bootstrap.internal.config.ConfigLoader;
import io.courier.bootstrap.internal.config.Environment;
import io.courier.bootstrap.internal.config.Settings;
import io.courier.bootstrap.internal.export.ExportDefinition;
import io.courier.bootstrap.internal.export.ExportPlan;
import io.courier.bootstrap.internal.lifecycle.Infrastructure;
import io.courier.bootstrap.internal.settings.TlsSettings;
import io.courier.bootstrap.internal.status.AdminBinding;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How {@link CourierBuilder#start()} starts an application: read and check everything first, then open
 * threads and ports, closing what was opened if a step fails.
 */
final class CourierStart {

    private static final Logger log = LoggerFactory.getLogger(Courier.class);

    private CourierStart() {}

    static Courier start(CourierBuilder builder) {
        Environment environment = builder.environment();
        SettingsDeclarations declared = declarations(builder);
        Settings settings = new ConfigLoader(
                        builder.properties(),
                        builder.sourceOrNull(),
                        environment.systemProperties(),
                        environment.variables(),
                        environment.classLoader(),
                        environment.filterNames())
                .declaring(declared.names())
                .load();
        Map<String, Object> configured = SettingsRuntime.configured(declared, settings);
        CourierOptions options = CourierOptions.from(settings);
        TlsSettings.check(settings);
        List<ExportDefinition> exports =
                ExportPlan.resolve(builder.exports(), settings, options, environment.classLoader());
        // Everything above only read and checked; from here on, threads and ports are opened, and a
        // failure closes whatever was opened before it is rethrown.
        if (!exports.isEmpty() && options.registry().isPresent()) {
            StartupWarmUp.forExports();
        }
        Courier courier = new Courier(options, settings, Infrastructure.create(options, settings));
        try {
            courier.infrastructure().share(builder.openTelemetryOrNull(), builder.meterRegistryOrNull());
            courier.infrastructure().clientEventLoops(builder.clientEventLoopsOrNull());
            startSettings(courier.infrastructure(), declared, configured, builder);
            // First, so that probes see the start-up: not ready until it is over.
            courier.infrastructure()
                    .ownAdmin(AdminBinding.start(
                            new AdminBinding.Application(
                                    courier::status, courier::providerStatus, courier::offline, courier::online),
                            settings,
                            courier.infrastructure()));
            for (ExportDefinition export : exports) {
                courier.exportNow(export);
            }
            // Consumers reading the registry right after start() must find this provider.
            courier.infrastructure()
                    .registrations()
                    .awaitPublished(settings.get(RegistryKeys.REGISTRY_REGISTER_WAIT_MILLIS));
        } catch (RuntimeException | Error e) {
            courier.close();
            throw e;
        }
        courier.started();
        log.info(
                "Courier application '{}' started{}",
                options.application(),
                exports.isEmpty() ? "" : ", serving " + exports.size() + " service(s) on port " + courier.port());
        return courier;
    }

    private static SettingsDeclarations declarations(CourierBuilder builder) {
        try {
            return SettingsDeclarations.of(builder.settingKeys(), builder.settingRecords());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(List.of(e.getMessage()));
        }
    }

    /** The application's own settings, owned (and closed) by its shared objects. */
    private static void startSettings(
            Infrastructure infrastructure,
            SettingsDeclarations declared,
            Map<String, Object> configured,
            CourierBuilder builder) {
        infrastructure.shared.get(
                SettingsRuntime.class,
                () -> SettingsRuntime.start(
                        declared,
                        configured,
                        infrastructure.settings,
                        infrastructure.options.registry(),
                        builder.followSettings(),
                        builder.settingsHostOrNull(),
                        infrastructure.shared.find(MeterRegistry.class).orElse(null)));
    }
}

package io.courier.bootstrap.internal.status;

import io.courier.api.config.ConfigKey;
import io.courier.api.event.BrokerSnapshot;
import io.courier.bootstrap.ConfigurationException;
import io.courier.bootstrap.admin.AdminOptions;
import io.courier.bootstrap.admin.AdminServer;
import io.courier.bootstrap.admin.AdminTarget;
import io.courier.bootstrap.admin.ConfigEntry;
import io.courier.bootstrap.config.ApplicationKeys;
import io.courier.bootstrap.internal.appconfig.SettingsRuntime;
import io.courier.bootstrap.internal.config.ConfigKeys;
import io.courier.bootstrap.internal.config.Setting;
import io.courier.bootstrap.internal.config.Settings;
import io.courier.bootstrap.internal.lifecycle.Infrastructure;
import io.courier.bootstrap.internal.provider.ProviderSide;
import io.courier.bootstrap.status.CourierStatus;
import io.courier.bootstrap.status.ProviderStatus;
import io.courier.filter.metrics.MeterRegistries;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Binds an application to its admin endpoint ({@code courier.admin.*}): what the endpoint reads is
 * the application's own status, configuration and meters, and its switches are the application's.
 */
public final class AdminBinding implements AdminTarget {

    /**
     * What the endpoint reads from and switches on the application itself, handed down by {@code Courier}
     * so that this binding does not reach back up to it.
     */
    public record Application(
            Supplier<CourierStatus> status,
            Supplier<Optional<ProviderStatus>> server,
            Runnable offline,
            Runnable online) {}

    private final Application courier;
    private final Settings settings;
    private final Infrastructure infrastructure;

    private AdminBinding(Application courier, Settings settings, Infrastructure infrastructure) {
        this.courier = courier;
        this.settings = settings;
        this.infrastructure = infrastructure;
    }

    /**
     * The application's admin endpoint, started; {@code null} unless {@code courier.admin.port} is set.
     *
     * @throws ConfigurationException if its address cannot be bound
     */
    public static AdminServer start(Application courier, Settings settings, Infrastructure infrastructure) {
        if (!settings.isSet(ApplicationKeys.ADMIN_PORT)) {
            return null;
        }
        AdminOptions options = new AdminOptions(
                settings.get(ApplicationKeys.ADMIN_HOST),
                settings.get(ApplicationKeys.ADMIN_PORT),
                settings.get(ApplicationKeys.ADMIN_TOKEN));
        try {
            return AdminServer.start(options, new AdminBinding(courier, settings, infrastructure));
        } catch (UncheckedIOException e) {
            throw new ConfigurationException(ApplicationKeys.ADMIN_PORT.name() + ": " + options.port() + " on "
                    + options.host() + " cannot be bound (expected: a free port, or 0 for any): "
                    + e.getCause().getMessage() + " [" + settings.origin(ApplicationKeys.ADMIN_PORT.name()) + "]");
        }
    }

    @Override
    public CourierStatus status() {
        return courier.status().get();
    }

    @Override
    public Optional<ProviderStatus> server() {
        return courier.server().get();
    }

    @Override
    public void offline() {
        courier.offline().run();
    }

    @Override
    public void online() {
        courier.online().run();
    }

    @Override
    public Map<String, String> rejectedSettings() {
        return infrastructure
                .shared
                .find(SettingsRuntime.class)
                .map(runtime -> runtime.settings().rejectedValues())
                .orElse(Map.of());
    }

    /** Every fixed key (set or at its default), then every open key some source set, by name. */
    @Override
    public List<ConfigEntry> configuration() {
        Map<String, Setting> set = settings.entries();
        List<ConfigEntry> entries = new ArrayList<>();
        for (ConfigKey<?> key : ConfigKeys.all()) {
            Setting setting = set.get(key.name());
            entries.add(
                    setting == null
                            ? new ConfigEntry(
                                    key.name(),
                                    key.defaultText(),
                                    "default",
                                    key.type().secret())
                            : new ConfigEntry(
                                    key.name(),
                                    setting.text().trim(),
                                    setting.origin(),
                                    key.type().secret()));
        }
        for (Setting setting : new TreeMap<>(set).values()) {
            if (ConfigKeys.find(setting.key()) == null) {
                boolean secret = ConfigKeys.registry()
                        .match(setting.key())
                        .map(key -> key.type().secret())
                        .orElse(false);
                entries.add(new ConfigEntry(setting.key(), setting.text().trim(), setting.origin(), secret));
            }
        }
        return entries;
    }

    @Override
    public Optional<String> prometheusText() {
        return infrastructure
                .shared
                .find(MeterRegistry.class)
                .flatMap(MeterRegistries::prometheus)
                .map(PrometheusMeterRegistry::scrape);
    }

    @Override
    public Optional<String> describe(String protocol, String serviceKey) {
        ProviderSide provider = infrastructure.startedProvider();
        return provider == null ? Optional.empty() : provider.describe(protocol, serviceKey);
    }

    @Override
    public Optional<BrokerSnapshot> events(Duration timeout) {
        try {
            return infrastructure.events.opened().map(broker -> broker.snapshot(timeout));
        } catch (IllegalStateException e) {
            return Optional.empty(); // closed meanwhile: the application is stopping
        }
    }
}

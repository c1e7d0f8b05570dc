package io.courier.bootstrap.internal.appconfig;

import io.courier.api.config.ConfigKey;
import io.courier.api.config.ConfigValueException;
import io.courier.api.registry.RegistryOptions;
import io.courier.api.store.DocumentKey;
import io.courier.bootstrap.ConfigurationException;
import io.courier.bootstrap.config.SettingsKeys;
import io.courier.bootstrap.internal.config.Setting;
import io.courier.bootstrap.internal.config.Settings;
import io.courier.core.document.SettingsCacheFile;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's settings and what feeds them, started with the application and closed with it:
 * the values from Courier's sources (checked at start with every other key), then the centre's
 * document, followed when the application declared settings (or asked to follow).
 */
public final class SettingsRuntime implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SettingsRuntime.class);
    /** The counter of refused settings, beside the registry's {@code courier.config.rejected}. */
    public static final String REJECTED_COUNTER = "courier.settings.rejected";

    private final ApplicationSettings settings;
    private final CentreFeed feed;

    private SettingsRuntime(ApplicationSettings settings, CentreFeed feed) {
        this.settings = settings;
        this.feed = feed;
    }

    /**
     * Each declared key's value from Courier's sources, or its default.
     *
     * @throws ConfigurationException listing every value that fails its key, as the start-up check does
     */
    public static Map<String, Object> configured(SettingsDeclarations declared, Settings settings) {
        Map<String, Object> values = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (ConfigKey<?> key : declared.keys().values()) {
            Setting setting = settings.entries().get(key.name());
            if (setting == null) {
                values.put(key.name(), key.defaultValue());
                continue;
            }
            try {
                values.put(key.name(), key.parse(setting.text(), key.name(), setting.origin()));
            } catch (ConfigValueException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
        return values;
    }

    /**
     * Starts the settings: reads the centre's document now (or the cached copy) when {@code follow}.
     *
     * @param registry the application's registry, or empty for none (Courier's sources only)
     * @param host hears each document's settings section, or null (CourierBuilder#settingsHost)
     * @param meters where the rejected counter goes, or null
     */
    public static SettingsRuntime start(
            SettingsDeclarations declared,
            Map<String, Object> configured,
            Settings settings,
            Optional<RegistryOptions> registry,
            boolean follow,
            Consumer<Map<String, String>> host,
            MeterRegistry meters) {
        ApplicationSettings values = new ApplicationSettings(declared, configured, host);
        if (meters != null) {
            FunctionCounter.builder(REJECTED_COUNTER, values, ApplicationSettings::rejectedCount)
                    .description("Application settings refused: a value failing its key, a bad level, a bad document")
                    .register(meters);
        }
        if (!follow || registry.isEmpty()) {
            return new SettingsRuntime(values, null);
        }
        RegistryOptions options = registry.get();
        if (!options.address().contains("://") && !options.address().contains(":")) {
            log.info(
                    "The application's settings do not follow the configuration centre: the registry '{}' has no"
                            + " store to read documents from",
                    options.address());
            return new SettingsRuntime(values, null);
        }
        DocumentKey document = DocumentKey.application(options.environment(), options.application());
        Path cacheFile = options.cacheFile();
        CentreFeed feed = new CentreFeed(
                options,
                document,
                settings.get(SettingsKeys.WATCH),
                settings.get(SettingsKeys.POLL_INTERVAL_MILLIS),
                cacheFile == null
                        ? null
                        : new SettingsCacheFile(
                                cacheFile.resolveSibling(cacheFile.getFileName() + ".settings"), document.toString()),
                values,
                declared.published(host != null));
        feed.start();
        return new SettingsRuntime(values, feed);
    }

    /**
     * The settings of the application whose shared objects are {@code shared}.
     *
     * @throws IllegalStateException once the application is closed
     */
    public static ApplicationSettings of(io.courier.filter.SharedObjects shared, String application) {
        return shared.find(SettingsRuntime.class)
                .orElseThrow(() -> new IllegalStateException("Courier application '" + application + "' is closed"))
                .settings();
    }

    /** The settings. */
    public ApplicationSettings settings() {
        return settings;
    }

    @Override
    public void close() {
        if (feed != null) {
            feed.close();
        }
        settings.close();
    }
}

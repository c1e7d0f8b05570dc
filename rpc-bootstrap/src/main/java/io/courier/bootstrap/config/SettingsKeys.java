package io.courier.bootstrap.config;

import io.courier.api.config.ConfigKey;
import io.courier.api.config.ValueType;
import java.util.List;

/**
 * How the application's own settings ({@link io.courier.api.config.AppSettings}) follow the
 * configuration centre. Listed, with every other holder, by {@link BootstrapKeyCatalog}.
 */
public final class SettingsKeys {

    private static final KeyDefinitions KEYS = new KeyDefinitions();

    public static final ConfigKey<Boolean> WATCH = KEYS.define(
            "courier.settings.watch",
            ValueType.bool(),
            true,
            "true",
            "Whether the application's settings follow its configuration document through the registry store's"
                    + " watch; false reads the document every courier.settings.poll-interval-millis instead.");
    public static final ConfigKey<Long> POLL_INTERVAL_MILLIS = KEYS.define(
            "courier.settings.poll-interval-millis",
            ValueType.longInteger(50, 86_400_000),
            30_000L,
            "30000",
            "How often the application's configuration document is read when it is not watched, and how often"
                    + " an unreachable registry is tried again for it.");

    private SettingsKeys() {}

    static List<ConfigKey<?>> keys() {
        return KEYS.all();
    }
}
